// Logger port for Electron main on electron-log's main-process logger: <data dir>/logs/main.log,
// rotated at 5 MB (the previous file is kept as main.old.log). Fields pass through core's redaction,
// so secrets and customer text never land whole in the file.
import log from 'electron-log/main';
import { join } from 'node:path';
import { redactFields } from '../../core/log/redact.js';
import type { LogFields, Logger } from '../../core/ports.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

export function createElectronLogger(logsDir: string, options: { console?: boolean } = {}): Logger {
  const instance = log.create({ logId: 'agentdesk-main' });
  instance.transports.file.resolvePathFn = () => join(logsDir, 'main.log');
  instance.transports.file.level = 'info';
  instance.transports.file.maxSize = 5 * 1024 * 1024;
  instance.transports.file.format = '[{iso}] [{level}] {text}';
  instance.transports.console.level = options.console ? 'info' : false;
  const write = (level: Level) => (message: string, fields?: LogFields) => {
    const redacted = redactFields(fields);
    if (redacted && Object.keys(redacted).length > 0) instance[level](message, JSON.stringify(redacted));
    else instance[level](message);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
