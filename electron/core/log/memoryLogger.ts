// A Logger that keeps lines in memory (tests, and the CLI's short-lived commands). Plain Node.
import type { LogFields, Logger } from '../ports.js';
import { redactFields } from './redact.js';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields | undefined;
}

export class MemoryLogger implements Logger {
  readonly lines: LogLine[] = [];
  debug(message: string, fields?: LogFields) {
    this.lines.push({ level: 'debug', message, fields: redactFields(fields) });
  }
  info(message: string, fields?: LogFields) {
    this.lines.push({ level: 'info', message, fields: redactFields(fields) });
  }
  warn(message: string, fields?: LogFields) {
    this.lines.push({ level: 'warn', message, fields: redactFields(fields) });
  }
  error(message: string, fields?: LogFields) {
    this.lines.push({ level: 'error', message, fields: redactFields(fields) });
  }
}
