import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Tick } from '../../../src-shared/domain/tick';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { writeTickBatches } from './batch-transaction';
import { TICK_FLAG_SIMULATED, TickRowEncoder } from './copy-binary';

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await startTestDatabase();
  client = new pg.Client({ connectionString: db.service.connectionUrl() });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await db?.cleanup();
});

const tick = (over: Partial<Tick>): Tick => ({ token: 256265, ts: Date.parse('2026-11-23T04:00:00.123Z'), ltp: 2450_05, lastQty: 10, volume: 1000, oi: 0, bid: 2450_00, bidQty: 5, ask: 2450_10, askQty: 7, ...over });

describe('binary COPY of ticks', () => {
  test('every value reads back exactly: numerics to the paisa, timestamps to the millisecond, nulls', async () => {
    const received = Date.parse('2026-11-23T04:00:00.456Z') + 0.25;
    const cases: Tick[] = [
      tick({}),
      tick({ token: 2 ** 40, ltp: 5, bid: 0, ask: 100, volume: 2 ** 50, oi: 123_456_789_012 }),
      tick({ ltp: 1_000_000_00, bid: null, ask: null }),
      tick({ ltp: 123_456_789_012_34, ts: Date.parse('1999-12-31T23:59:59.999Z') }),
      tick({ ltp: 10_000_00, bid: 9_999_99, ask: 10_000_01 }),
    ];
    const encoder = new TickRowEncoder(64);
    for (const t of cases) encoder.append(t, received, TICK_FLAG_SIMULATED);
    const { bytes, rows } = encoder.take();
    expect(rows).toBe(cases.length);
    const outcome = await writeTickBatches(client, [{ batchId: '00000000-0000-4000-8000-000000000001', rows, chunks: [bytes] }]);
    expect(outcome).toEqual({ rows: 5, skippedBatches: 0, skippedRows: 0 });

    const { rows: back } = await client.query<Record<string, string | null>>(
      `SELECT token::text, (extract(epoch from ts) * 1000)::bigint::text AS ts, ltp::text, last_qty::text, volume::text, oi::text,
              bid_price::text, bid_qty::text, ask_price::text, ask_qty::text,
              (extract(epoch from exchange_ts) * 1000)::bigint::text AS exchange_ts, (extract(epoch from received_at) * 1000000)::bigint::text AS received_us, flags::text
       FROM market_ticks ORDER BY market_ticks.ltp`,
    );
    const rupees = (p: number | null) => (p === null ? null : `${Math.trunc(p / 100)}.${String(p % 100).padStart(2, '0')}`);
    const expected = [...cases]
      .sort((a, b) => a.ltp - b.ltp)
      .map((t) => ({
        token: String(t.token),
        ts: String(t.ts),
        ltp: rupees(t.ltp),
        last_qty: String(t.lastQty),
        volume: String(t.volume),
        oi: String(t.oi),
        bid_price: rupees(t.bid),
        bid_qty: String(t.bidQty),
        ask_price: rupees(t.ask),
        ask_qty: String(t.askQty),
        exchange_ts: String(t.ts),
        received_us: String(Math.round(received * 1000)),
        flags: '1',
      }));
    expect(back).toEqual(expected);
  });

  test('a batch id already committed is skipped, not written twice', async () => {
    const encoder = new TickRowEncoder();
    encoder.append(tick({ token: 7 }), Date.now(), 0);
    const { bytes, rows } = encoder.take();
    const batch = { batchId: '00000000-0000-4000-8000-000000000002', rows, chunks: [bytes] };
    expect((await writeTickBatches(client, [batch])).rows).toBe(1);
    expect(await writeTickBatches(client, [batch])).toEqual({ rows: 0, skippedBatches: 1, skippedRows: 1 });
    const { rows: count } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM market_ticks WHERE token = 7');
    expect(count[0]?.n).toBe('1');
  });
});
