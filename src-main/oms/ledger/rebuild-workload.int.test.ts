import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OrderIntentInput } from '../../../src-shared/orders/order-types';
import { mulberry32, type Random } from '../../util/prng';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { FUT, intent, openLimits, OPT, startOms, type OmsKit } from '../../testing/kits/oms';
import { foldLedger, readOrdersTable, rebuildOrders } from './rebuild';

/**
 * A seeded random workload through the whole order path — places of every type and
 * validity, slices above the freeze quantity, refusals, duplicates, modifies, cancels,
 * and quotes that fill, part-fill and trigger, with the asynchronous updates left to
 * interleave — and then: the `orders` table rebuilt from `order_events` alone equals the
 * live projection row by row; the trade book and the paper venue agree with the ledger.
 */

const SEED = Number(process.env.TICKDESK_WORKLOAD_SEED ?? 20261121);
const STEPS = 400;

let testDb: TestDatabase;
let pool: pg.Pool;
let kit: OmsKit;

beforeAll(async () => {
  testDb = await startTestDatabase();
  pool = testDb.service.pool();
  kit = await startOms(pool);
  await openLimits(kit.oms);
});

afterAll(async () => {
  await kit?.stop();
  await testDb?.cleanup();
});

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (random: Random, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

function quoteAt(random: Random, token: number, mid: number, tick: number) {
  const spread = tick * int(random, 1, 3);
  return { token, ltp: mid, bid: mid - spread, ask: mid + spread, bidQty: int(random, 0, 400), askQty: int(random, 0, 400) };
}

describe(`random workload (seed ${SEED})`, () => {
  test('rebuild == projection, row by row; fills and the paper book agree with the ledger', async () => {
    const random = mulberry32(SEED);
    const mids = new Map([[FUT.token, 2_400_000], [OPT.token, 15_000]]);
    for (const [token, mid] of mids) kit.quotes.push(quoteAt(random, token, mid, token === FUT.token ? FUT.tickSize : OPT.tickSize));
    const placed: string[] = [];
    const clientIds: string[] = [];
    const tally = { place: 0, slice: 0, refused: 0, duplicate: 0, modify: 0, cancel: 0, quote: 0 };

    for (let step = 0; step < STEPS; step += 1) {
      const instrument = random() < 0.8 ? FUT : OPT;
      const tick = instrument.tickSize;
      const mid = mids.get(instrument.token) as number;
      const roll = random();
      try {
        if (roll < 0.35) {
          const side = pick(random, ['BUY', 'SELL'] as const);
          const type = pick(random, ['MKT', 'L', 'L', 'SL', 'SL-M'] as const);
          const away = tick * int(random, -20, 20);
          const trigger = side === 'BUY' ? mid + tick * int(random, 1, 15) : mid - tick * int(random, 1, 15);
          const fields: Partial<OrderIntentInput> = {
            token: instrument.token, side, orderType: type, validity: random() < 0.15 ? 'IOC' : 'DAY',
            quantity: instrument.lotSize * int(random, 1, 4), marketProtection: 200,
            price: type === 'L' ? mid + away : type === 'SL' ? trigger + (side === 'BUY' ? tick * 5 : -tick * 5) : null,
            triggerPrice: type === 'SL' || type === 'SL-M' ? trigger : null,
          };
          const r = await kit.oms.place(intent(fields));
          placed.push(r.orderId);
          clientIds.push(r.clientOrderId);
          tally.place += 1;
        } else if (roll < 0.40) {
          const r = await kit.oms.place(intent({ token: FUT.token, orderType: 'MKT', price: null, marketProtection: 200, quantity: FUT.lotSize * int(random, 28, 60), side: pick(random, ['BUY', 'SELL'] as const) }));
          placed.push(r.orderId);
          tally.slice += 1;
        } else if (roll < 0.47) {
          const bad = pick(random, [{ price: mid + 3 }, { quantity: instrument.lotSize + 1 }, { token: 4242 }, { orderType: 'MKT' as const, price: null, marketProtection: 0 }]);
          await kit.oms.place(intent({ token: instrument.token, price: mid, ...bad }));
          tally.refused += 1;
        } else if (roll < 0.50 && clientIds.length > 0) {
          const again = await kit.oms.place(intent({ clientOrderId: pick(random, clientIds), price: mid }));
          expect(again.duplicate).toBe(true);
          tally.duplicate += 1;
        } else if (roll < 0.62 && placed.length > 0) {
          const id = pick(random, placed);
          const change = pick(random, [{ price: mid + tick * int(random, -10, 10) }, { quantity: instrument.lotSize * int(random, 1, 5) }]);
          await kit.oms.modify(id, change).catch((e: unknown) => expectContractRefusal(e));
          tally.modify += 1;
        } else if (roll < 0.72 && placed.length > 0) {
          await kit.oms.cancel(pick(random, placed)).catch((e: unknown) => expectContractRefusal(e));
          tally.cancel += 1;
        } else {
          const next = Math.max(tick * 100, mid + tick * int(random, -8, 8));
          mids.set(instrument.token, next);
          kit.quotes.push(quoteAt(random, instrument.token, next, tick));
          tally.quote += 1;
        }
      } catch (error) {
        throw new Error(`step ${step} failed: ${(error as Error).message}`, { cause: error });
      }
      if (random() < 0.3) await kit.oms.idle();
    }
    await kit.oms.idle();

    // The workload really did all of it.
    expect(tally.slice).toBeGreaterThan(5);
    const statuses = (await pool.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM orders GROUP BY status')).rows;
    const seen = new Set(statuses.map((s) => s.status));
    for (const status of ['FILLED', 'CANCELLED', 'REJECTED', 'OPEN']) expect(seen).toContain(status);
    const partial = await pool.query(`SELECT 1 FROM orders WHERE filled_quantity > 0 AND filled_quantity < quantity`);
    expect(partial.rowCount).toBeGreaterThan(0);
    const kinds = (await pool.query<{ event_type: string }>('SELECT DISTINCT event_type FROM order_events')).rows.map((r) => r.event_type);
    for (const kind of ['MODIFY_CONFIRMED', 'CANCEL_CONFIRMED', 'VALIDATION_FAILED', 'FILL', 'STATUS_CHANGED']) expect(kinds).toContain(kind);

    // rebuild == projection
    const live = await readOrdersTable(pool);
    await rebuildOrders(pool);
    const rebuilt = await readOrdersTable(pool);
    expect(rebuilt.length).toBe(live.length);
    for (let i = 0; i < live.length; i += 1) expect(rebuilt[i]).toEqual(live[i]);

    // The trade book holds exactly the ledger's fills.
    const mismatched = await pool.query(`
      SELECT o.client_order_id FROM orders o LEFT JOIN (SELECT order_id, sum(quantity) AS q FROM fills GROUP BY order_id) f USING (order_id)
      WHERE coalesce(f.q, 0) <> o.filled_quantity`);
    expect(mismatched.rows).toEqual([]);
    // The paper venue and the ledger agree on every order the venue holds.
    const venue = await pool.query<{ client_order_id: string; filled_quantity: number; status: string }>(
      'SELECT client_order_id, filled_quantity, status FROM paper_orders');
    const ledger = await foldLedger(pool);
    for (const row of venue.rows) {
      const record = ledger.get(row.client_order_id);
      expect({ id: row.client_order_id, filled: record?.projection.filledQuantity }).toEqual({ id: row.client_order_id, filled: row.filled_quantity });
    }
  });
});

function expectContractRefusal(error: unknown): void {
  // Modifying or cancelling a finished order is a CONFLICT; anything else is a bug.
  expect(error).toMatchObject({ code: expect.stringMatching(/^(CONFLICT|VALIDATION)$/) as unknown });
}
