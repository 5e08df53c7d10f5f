import { open } from 'node:fs/promises';

/** How much of a file's end is read for its last lines: about 2,000 typical lines. */
const TAIL_BYTES = 512 * 1024;

/** The complete lines in the last TAIL_BYTES of a file; [] when it does not exist. */
async function lastLinesOf(file: string): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split('\n');
    // A read that began mid-file begins mid-line: that fragment is not a line.
    if (start > 0) lines.shift();
    return lines.filter((line) => line !== '');
  } finally {
    await handle.close();
  }
}

/** The last `count` lines of `current`, topped up from `previous` (the rotated file) when it is short. */
export async function readTailLines(current: string, previous: string | null, count: number): Promise<string[]> {
  if (count <= 0) return [];
  let lines = await lastLinesOf(current);
  if (lines.length < count && previous) lines = [...(await lastLinesOf(previous)), ...lines];
  return lines.slice(-count);
}
