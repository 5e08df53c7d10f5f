import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { useMarketTestbed } from '../../testing/kits/market';
import { countDuplicateTicks, countTicks, sleep, waitFor } from '../../testing/kits/market-checks';

/**
 * The durability promise, end to end with the shipped worker: the simulated
 * feed runs at a steady 10,000 ticks/s while PostgreSQL is killed (SIGKILL of
 * the postmaster) and brought back by the supervisor. Every tick the guard
 * accepted is in market_ticks exactly once; while the server was away they
 * waited in the on-disk journal.
 */
const bed = useMarketTestbed();

describe('PostgreSQL killed mid-stream', () => {
  test('no tick lost, none written twice', async () => {
    const market = bed.market({ seed: 11, ratePerSec: 10_000, simulateOutsideHours: true });
    await market.start();
    const writer = market.internals().writer;
    if (!writer) throw new Error('no writer');
    await waitFor(() => writer.stats().writtenRows > 5_000, 20_000, 'the first rows');

    const pid = bed.db.service.status().pid;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid ?? 0, 'SIGKILL');
    await waitFor(() => bed.db.service.status().state !== 'ready', 10_000, 'the supervisor to notice');
    await waitFor(() => bed.db.service.status().state === 'ready', 60_000, 'PostgreSQL back');
    // Ticks kept coming while it was away, and keep coming now.
    await sleep(1_500);
    await waitFor(() => writer.stats().mode === 'writing' && writer.stats().journalBytes === 0, 60_000, 'the journal to drain');
    await market.stop();

    const stats = writer.stats();
    const pipeline = market.internals().pipeline;
    const accepted = pipeline?.verdicts.accepted ?? -1;
    const kysely = bed.db.service.kysely();
    const rows = await countTicks(kysely);
    console.log('restart test', { accepted, rows, journaledRows: stats.journaledRows, skippedRows: stats.skippedRows, transactions: stats.transactions, verdicts: pipeline?.verdicts });

    expect(stats.journaledRows).toBeGreaterThan(0);
    expect(stats.overflowRows).toBe(0);
    expect(stats.rejectedRows).toBe(0);
    expect(rows).toBe(accepted);
    expect(await countDuplicateTicks(kysely)).toBe(0);
    const { rows: batches } = await sql<{ n: string }>`SELECT coalesce(sum(rows), 0)::text AS n FROM ingest_batches`.execute(kysely);
    expect(Number(batches[0]?.n)).toBe(rows);
  }, 180_000);
});
