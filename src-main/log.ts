/**
 * A small structured logger: one JSON line per record on stderr, so the
 * headless server's output stays machine-readable and stdout stays free for
 * the one line a CLI command promises (a URL, a JSON status).
 */
import { redactReplacer } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(
  // sink: a second destination for every (already redacted) line, e.g. the log file.
  options: { level?: LogLevel; write?: (line: string) => void; sink?: (line: string) => void; fields?: Record<string, unknown> } = {},
): Logger {
  const min = order[options.level ?? ((process.env.TICKDESK_LOG_LEVEL as LogLevel | undefined) ?? 'info')] ?? order.info;
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const base = options.fields ?? {};
  const log = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (order[level] < min) return;
    // The replacer masks secret-named fields (apiSecret, accessToken, mpin, …) at any depth.
    const line = JSON.stringify({ t: new Date().toISOString(), level, msg: message, ...base, ...fields }, redactReplacer);
    write(line);
    options.sink?.(line);
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

/** For tests: records nothing, prints nothing. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
