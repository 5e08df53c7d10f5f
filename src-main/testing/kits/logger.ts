import { createLogger, silentLogger, type Logger } from '../../log';

/** A logger that keeps its records, for tests that assert what was logged. */
export function recordingLogger(): { log: Logger; messages: () => string[]; records: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, records, messages: () => records().map((record) => String(record.msg)) };
}

/** Silent unless TICKDESK_TEST_LOG=1, which shows the server's log while debugging a test. */
export function testLogger(): Logger {
  return process.env.TICKDESK_TEST_LOG ? createLogger({ level: 'debug' }) : silentLogger;
}
