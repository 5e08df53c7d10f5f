/**
 * The log file: the same JSON lines the logger prints (already redacted),
 * appended to <data folder>/logs/tickdesk.log, so a desktop app started from
 * a launcher keeps its log. Lines are buffered and appended asynchronously a
 * few milliseconds later, never once per line on the event loop; what is
 * still buffered when the process exits is written synchronously then.
 * The file rotates at maxBytes: tickdesk.log → tickdesk.log.1 → … → .<keep-1>,
 * the oldest deleted. A log that cannot be written never stops the app: it
 * says so once on stderr and keeps trying.
 */
import { appendFileSync } from 'node:fs';
import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readTailLines } from './log-file-tail';
import { LogQueue } from './log-queue';

export interface LogFile {
  /** The file being written, <dir>/tickdesk.log. */
  readonly path: string;
  /** Queues one line (no newline); returns at once. */
  write(line: string): void;
  /** Resolves once everything queued so far is on disk. */
  flush(): Promise<void>;
  /** For process exit: appends what is queued, synchronously. */
  flushSync(): void;
  /** The last `count` lines written (this file, then the previous one), after a flush. */
  tail(count: number): Promise<string[]>;
  /** Flushes and stops accepting lines. */
  close(): Promise<void>;
}

export interface LogFileOptions {
  /** The logs folder, e.g. <data folder>/logs. */
  dir: string;
  /** Size at which the file rotates (default 5 MB). */
  maxBytes?: number;
  /** Files kept, the current one included (default 5). */
  keep?: number;
  /** How long a line may wait before the append (default 200 ms). */
  flushMs?: number;
  /** Most bytes held while the disk is slow; the oldest lines go first (default 4 MB). */
  maxQueuedBytes?: number;
  /** Where the one "cannot write the log" notice goes (default stderr). */
  warn?: (message: string) => void;
}

export const LOG_FILE_NAME = 'tickdesk.log';

export function logsDirOf(dataDir: string): string {
  return join(dataDir, 'logs');
}

export function openLogFile(options: LogFileOptions): LogFile {
  const path = join(options.dir, LOG_FILE_NAME);
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = Math.max(1, options.keep ?? 5);
  const flushMs = options.flushMs ?? 200;
  const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
  const queue = new LogQueue(options.maxQueuedBytes ?? 4 * 1024 * 1024);
  const state = { size: null as number | null, closed: false, warned: false };
  /** The chunk an append is writing; an exit mid-append writes it again rather than lose it. */
  let inFlight: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> | null = null;

  const failed = (error: unknown) => {
    if (state.warned) return;
    state.warned = true;
    warn(`Tickdesk: cannot write the log file ${path} (${error instanceof Error ? error.message : String(error)}); logging to stderr only.`);
  };

  async function drain(): Promise<void> {
    while (!queue.empty) {
      const chunk = queue.take();
      const bytes = Buffer.byteLength(chunk);
      try {
        if (state.size === null) {
          await mkdir(options.dir, { recursive: true, mode: 0o700 });
          state.size = await stat(path).then((info) => info.size, () => 0);
        }
        if (state.size > 0 && state.size + bytes > maxBytes) {
          await rotateLogFiles(path, keep);
          state.size = 0;
        }
        inFlight = chunk;
        await appendFile(path, chunk, { mode: 0o600 });
        state.size += bytes;
        state.warned = false;
      } catch (error) {
        state.size = null;
        failed(error);
      } finally {
        inFlight = null;
      }
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    writing ??= drain().finally(() => (writing = null));
    return writing;
  }

  return {
    path,
    write(line) {
      if (state.closed) return;
      queue.push(line);
      if (!timer && !writing) {
        timer = setTimeout(() => void flush(), flushMs);
        timer.unref();
      }
      // Otherwise the drain in progress picks the line up before it finishes.
    },
    async flush() {
      // A drain started earlier may have missed lines queued after it took its chunk.
      while (writing || !queue.empty) await flush();
    },
    flushSync() {
      const chunk = (inFlight ?? '') + queue.take();
      inFlight = null;
      if (chunk === '') return;
      try {
        appendFileSync(path, chunk, { mode: 0o600 });
      } catch (error) {
        failed(error);
      }
    },
    async tail(count) {
      await this.flush();
      return readTailLines(path, keep > 1 ? `${path}.1` : null, count);
    },
    async close() {
      await this.flush();
      state.closed = true;
    },
  };
}

/** tickdesk.log → .1 → … → .<keep-1>; the oldest goes. */
async function rotateLogFiles(path: string, keep: number): Promise<void> {
  await rm(`${path}.${keep - 1}`, { force: true });
  for (let i = keep - 2; i >= 1; i--) await rename(`${path}.${i}`, `${path}.${i + 1}`).catch(() => {});
  await (keep > 1 ? rename(path, `${path}.1`) : rm(path, { force: true }));
}

/**
 * The log file of a long-running process (the desktop app, browser mode):
 * opened in the data folder, and flushed synchronously at process exit.
 */
export function openProcessLogFile(dataDir: string): LogFile {
  const file = openLogFile({ dir: logsDirOf(dataDir) });
  process.once('exit', () => file.flushSync());
  return file;
}
