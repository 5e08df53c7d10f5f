import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

/** Where a backup's bytes go. A seam: tests inject a sink that fails like a full disk. */
export interface FileSink {
  write(chunk: Uint8Array): Promise<void>;
  /** Flushes to stable storage and closes: a backup that says "complete" must survive a power cut. */
  close(): Promise<void>;
  /** Closes without flushing, after a failure. */
  abort(): Promise<void>;
}

export type OpenSink = (path: string) => Promise<FileSink>;

export const openDiskSink: OpenSink = async (path) => {
  const handle = await open(path, 'wx', 0o600);
  return {
    async write(chunk) {
      let offset = 0;
      while (offset < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
        offset += bytesWritten;
      }
    },
    async close() {
      try {
        await handle.datasync();
      } finally {
        await handle.close();
      }
    },
    abort: () => handle.close().catch(() => {}),
  };
};

export interface Hashed {
  size: number;
  sha256: string;
}

const chunkBytes = 1024 * 1024;

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

async function openSource(path: string): Promise<FileHandle | null> {
  try {
    return await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Streams an open file through SHA-256 and, when `sink` is given, into it.
 * The hash is of the bytes actually read, so a file that grows or shrinks
 * while the server runs is recorded as copied (WAL replay fixes its content).
 */
async function pump(handle: FileHandle, sink: FileSink | null, onBytes: (bytes: number) => void, signal?: AbortSignal): Promise<Hashed> {
  const hash = createHash('sha256');
  // Most cluster files are a few pages: a 1 MiB buffer for each would be mostly waste.
  const expected = (await handle.stat()).size;
  const buffer = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(8192, expected + 1)));
  let size = 0;
  for (;;) {
    throwIfCancelled(signal);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) break;
    const chunk = buffer.subarray(0, bytesRead);
    hash.update(chunk);
    if (sink) await sink.write(chunk);
    size += bytesRead;
    onBytes(bytesRead);
  }
  return { size, sha256: hash.digest('hex') };
}

/** Hashes a file; null when it does not exist. */
export async function hashFile(path: string, onBytes: (bytes: number) => void, signal?: AbortSignal): Promise<Hashed | null> {
  const handle = await openSource(path);
  if (!handle) return null;
  try {
    return await pump(handle, null, onBytes, signal);
  } finally {
    await handle.close();
  }
}

/**
 * Copies `source` to a new file at `target` through the sink, hashing what
 * was written. Returns null (and creates nothing) when the source vanished
 * before it could be opened: a partition dropped while we copied.
 */
export async function copyHashed(
  source: string,
  target: string,
  openSink: OpenSink,
  onBytes: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<Hashed | null> {
  const handle = await openSource(source);
  if (!handle) return null;
  try {
    const sink = await openSink(target);
    let result: Hashed;
    try {
      result = await pump(handle, sink, onBytes, signal);
    } catch (error) {
      await sink.abort();
      throw error;
    }
    await sink.close();
    return result;
  } finally {
    await handle.close();
  }
}

/** Writes bytes we hold in memory (the backup label, the manifest) through the sink. */
export async function writeHashed(target: string, content: Uint8Array | string, openSink: OpenSink): Promise<Hashed> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const sink = await openSink(target);
  try {
    await sink.write(bytes);
  } catch (error) {
    await sink.abort();
    throw error;
  }
  await sink.close();
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
