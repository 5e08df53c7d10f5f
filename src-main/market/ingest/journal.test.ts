import { mkdtemp, readdir, rm, stat, truncate, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { silentLogger } from '../../log';
import { Journal } from './journal';
import { RECORD_HEADER_BYTES, type JournalRecord } from './journal-format';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tickdesk-journal-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const record = (n: number, bytes = 100): JournalRecord => ({ batchId: id(n), rows: n, receivedAt: 1_700_000_000_000 + n + 0.5, payload: Uint8Array.from({ length: bytes }, (_, i) => (i + n) % 256) });
const open = (maxBytes = 1_000_000, segmentBytes?: number) => Journal.open({ dir, maxBytes, log: silentLogger, ...(segmentBytes ? { segmentBytes } : {}) });

describe('journal', () => {
  test('records come back in order, byte for byte, and advance() frees their files', async () => {
    const journal = await open(1_000_000, 300);
    for (let n = 1; n <= 5; n += 1) expect(await journal.append(record(n))).toBe('ok');
    expect(journal.pendingBytes).toBe(5 * (RECORD_HEADER_BYTES + 100));
    expect((await readdir(dir)).length).toBeGreaterThan(1); // rotated past 300 bytes

    const first = await journal.read(3, 1_000_000);
    expect(first.records.map((r) => r.batchId)).toEqual([id(1), id(2)]); // 1 + 2 rows reach 3
    expect(first.records[1]).toEqual(record(2));
    await journal.advance(first.next);
    const rest = await journal.read(100, 1_000_000);
    expect(rest.records.map((r) => r.rows)).toEqual([3, 4, 5]);
    expect(journal.isEmpty()).toBe(false);
    await journal.advance(rest.next);
    expect(journal.isEmpty()).toBe(true);
    expect(await readdir(dir)).toEqual([]);
    // Usable again after draining.
    expect(await journal.append(record(6))).toBe('ok');
    expect((await journal.read(10, 1_000_000)).records.map((r) => r.rows)).toEqual([6]);
    await journal.close();
  });

  test('bounded: an append past the limit is refused, nothing partial is written', async () => {
    const journal = await open(2 * (RECORD_HEADER_BYTES + 100));
    expect(await journal.append(record(1))).toBe('ok');
    expect(await journal.append(record(2))).toBe('ok');
    expect(await journal.append(record(3))).toBe('full');
    expect(journal.diskBytes).toBe(2 * (RECORD_HEADER_BYTES + 100));
    await journal.close();
  });

  test('what an earlier run left is read again; a torn last record is cut off', async () => {
    const first = await open();
    await first.append(record(1));
    await first.append(record(2));
    await first.close();
    const [file] = await readdir(dir);
    const path = join(dir, file ?? '');
    await truncate(path, (await stat(path)).size - 10);

    const second = await open();
    const read = await second.read(100, 1_000_000);
    expect(read.records.map((r) => r.batchId)).toEqual([id(1)]);
    expect(read.corruptBytes).toBe(0);
    expect(second.lostAtOpen).toBe(RECORD_HEADER_BYTES + 100 - 10);
    expect((await stat(path)).size).toBe(RECORD_HEADER_BYTES + 100);
    await second.close();
  });

  test('a damaged record is skipped with the rest of its segment and reported, never replayed', async () => {
    const journal = await open();
    await journal.append(record(1));
    await journal.append(record(2));
    await journal.close();
    const [file] = await readdir(dir);
    const path = join(dir, file ?? '');
    const bytes = await readFile(path);
    bytes[RECORD_HEADER_BYTES + 5] = (bytes[RECORD_HEADER_BYTES + 5] ?? 0) ^ 0xff; // flip a payload byte of record 1
    await writeFile(path, bytes);

    const reopened = await open();
    // The torn-tail scan stops at the bad record, so the whole file is cut back to nothing.
    const read = await reopened.read(100, 1_000_000);
    expect(read.records).toEqual([]);
    expect(reopened.lostAtOpen).toBe(2 * (RECORD_HEADER_BYTES + 100));
    await reopened.close();
  });

  test('damage in an older segment costs that segment only: later records still come back', async () => {
    const journal = await open(1_000_000, 10);
    await journal.append(record(1));
    await journal.append(record(2));
    await journal.close();
    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(2);
    const path = join(dir, files[0] ?? '');
    const bytes = await readFile(path);
    bytes[RECORD_HEADER_BYTES + 5] = (bytes[RECORD_HEADER_BYTES + 5] ?? 0) ^ 0xff;
    await writeFile(path, bytes);

    const reopened = await open(1_000_000, 10);
    const read = await reopened.read(100, 1_000_000);
    expect(read.records.map((r) => r.batchId)).toEqual([id(2)]);
    expect(read.corruptBytes).toBe(RECORD_HEADER_BYTES + 100);
    await reopened.advance(read.next);
    expect(await readdir(dir)).toEqual([]);
    await reopened.close();
  });
});
