// The host's Logger: a rotating log file in the data dir (electron-log's Node transport). Plain Node.
// Rotation: at 5 MB the file becomes agentdesk.1.log, the older ones shift up to agentdesk.5.log.
import log from 'electron-log/node';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { redactFields } from '../core/log/redact.js';
import type { LogFields, Logger } from '../core/ports.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface FileLoggerOptions {
  dir: string;
  level?: LogLevel;
  maxBytes?: number;
  keepFiles?: number;
  /** Also print to stderr (the host in a terminal); off for CLI data commands so --json stays clean. */
  console?: LogLevel | false;
}

export function createFileLogger(options: FileLoggerOptions): Logger & { file: string } {
  mkdirSync(options.dir, { recursive: true });
  const file = join(options.dir, 'agentdesk.log');
  const keep = options.keepFiles ?? 5;
  const instance = log.create({ logId: `agentdesk-${options.dir}` });
  instance.transports.file.resolvePathFn = () => file;
  instance.transports.file.level = options.level ?? 'info';
  instance.transports.file.maxSize = options.maxBytes ?? 5 * 1024 * 1024;
  instance.transports.file.format = '[{iso}] [{level}] {text}';
  instance.transports.file.archiveLogFn = (current) => {
    const path = current.toString();
    const numbered = (n: number) => path.replace(/\.log$/, `.${n}.log`);
    if (existsSync(numbered(keep))) rmSync(numbered(keep));
    for (let n = keep - 1; n >= 1; n--) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
    renameSync(path, numbered(1));
  };
  instance.transports.console.level = options.console ?? false;
  const write = (level: LogLevel) => (message: string, fields?: LogFields) => {
    const redacted = redactFields(fields);
    if (redacted && Object.keys(redacted).length > 0) instance[level](message, JSON.stringify(redacted));
    else instance[level](message);
  };
  return { file, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
