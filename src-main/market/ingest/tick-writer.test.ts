import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Tick } from '../../../src-shared/domain/tick';
import { silentLogger } from '../../log';
import { TickRowEncoder } from './copy-binary';
import { Journal } from './journal';
import { TickWriter } from './tick-writer';

/** The writer with the database away: everything goes to the journal, bounded, and stays there across a stop. */
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tickdesk-writer-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const chunk = (rows: number) => {
  const encoder = new TickRowEncoder();
  for (let i = 0; i < rows; i += 1) {
    const t: Tick = { token: 1, ts: 1_800_000_000_000 + i, ltp: 100_00, lastQty: 1, volume: i, oi: 0, bid: null, bidQty: 0, ask: null, askQty: 0 };
    encoder.append(t, 1_800_000_000_000, 0);
  }
  const { bytes } = encoder.take();
  return { bytes, rows, receivedAt: Date.now() };
};

const waitFor = async (what: () => boolean) => {
  const end = Date.now() + 5_000;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

const refused = async () => {
  throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
};

describe('tick writer without a database', () => {
  test('journals what it cannot write and counts what does not fit, loudly', async () => {
    const journal = await Journal.open({ dir: join(dir, 'journal'), maxBytes: 40_000, log: silentLogger });
    const writer = new TickWriter({ journal, connect: refused, databaseReady: () => false, rejectedDir: join(dir, 'rejected'), log: silentLogger, flushMs: 1, retryMs: 10 });
    writer.write(chunk(100));
    await waitFor(() => writer.stats().journaledRows === 100);
    expect(writer.stats().mode).toBe('journaling');
    writer.write(chunk(300)); // ≈ 40 KB: past the bound
    await waitFor(() => writer.stats().overflowRows === 300);
    expect(writer.stats()).toMatchObject({ journaledRows: 100, overflowRows: 300, writtenRows: 0 });
    expect(writer.stats().lastError).toMatch(/journal is full/);
    await writer.stop();
  });

  test('a database that says ready but refuses connections: the batch goes to the journal, not lost', async () => {
    const journal = await Journal.open({ dir: join(dir, 'journal'), maxBytes: 1_000_000, log: silentLogger });
    const writer = new TickWriter({ journal, connect: refused, databaseReady: () => true, rejectedDir: join(dir, 'rejected'), log: silentLogger, flushMs: 1, retryMs: 10 });
    writer.write(chunk(50));
    await waitFor(() => writer.stats().journaledRows === 50);
    expect(writer.stats().lastError).toMatch(/ECONNREFUSED/);
    await writer.stop();
  });

  test('stop() puts what is still in memory into the journal; the next writer finds it', async () => {
    const journal = await Journal.open({ dir: join(dir, 'journal'), maxBytes: 1_000_000, log: silentLogger });
    const writer = new TickWriter({ journal, connect: refused, databaseReady: () => false, rejectedDir: join(dir, 'rejected'), log: silentLogger, flushMs: 60_000 });
    writer.write(chunk(10));
    writer.write(chunk(20));
    await writer.stop();
    expect(writer.stats().journaledRows).toBe(30);
    writer.write(chunk(5)); // after stop: counted, never silently kept
    expect(writer.stats().overflowRows).toBe(5);

    const again = await Journal.open({ dir: join(dir, 'journal'), maxBytes: 1_000_000, log: silentLogger });
    const next = new TickWriter({ journal: again, connect: refused, databaseReady: () => false, rejectedDir: join(dir, 'rejected'), log: silentLogger });
    expect(next.stats().mode).toBe('journaling');
    const read = await again.read(1_000, 1_000_000);
    expect(read.records.reduce((n, r) => n + r.rows, 0)).toBe(30);
    await next.stop();
  });

  test('a backlog past the memory bound spills to the journal while a write hangs', async () => {
    const journal = await Journal.open({ dir: join(dir, 'journal'), maxBytes: 10_000_000, log: silentLogger });
    const hang = () => new Promise<never>(() => undefined);
    const writer = new TickWriter({ journal, connect: hang, databaseReady: () => true, rejectedDir: join(dir, 'rejected'), log: silentLogger, flushRows: 10, flushMs: 1, maxBacklogRows: 1_000 });
    writer.write(chunk(10)); // this one hangs in "connect"
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 0; i < 30; i += 1) writer.write(chunk(100));
    await waitFor(() => writer.stats().journaledRows >= 2_000);
    expect(writer.backlogRows).toBeLessThanOrEqual(1_000);
    expect(writer.stats().mode).toBe('journaling');
  });
});
