import pg from 'pg';
import { foldLedger, readOrdersTable } from '../../src-main/oms/ledger/rebuild';
import { orderRowValues, upsertOrdersSql } from '../../src-main/oms/ledger/orders-row';
import { expect, runCli, startServer, stopServer, test, waitForExit, type TickdeskServer } from '../fixtures/tickdesk-server';
import { WsClient } from './fault-kit';

/**
 * Fault: the whole app (browser mode) is SIGKILLed in the middle
 * of an order burst. Its PostgreSQL is orphaned; the next start recovers the
 * folder. Every acknowledged order must be in the ledger, none may reach the
 * broker twice, the projection must equal its rebuild from the events, and a
 * repeat of an acknowledged client id answers the same order.
 */
interface PlaceResult { orderId: string; clientOrderId: string; status: string; duplicate: boolean }
interface Instrument { token: number; tradingsymbol: string; tickSize: number; lotSize: number }
interface Quote { token: number; ltp: number }

const BURST = 60;
const KILL_AFTER_ACKS = 20;

async function readyClient(server: TickdeskServer): Promise<{ client: WsClient; instrument: Instrument; ltp: number }> {
  const client = await WsClient.open(server);
  let instrument: Instrument | undefined;
  await expect
    .poll(async () => {
      const found = await client.call('market.search', { query: 'SBIN', limit: 5 });
      instrument = found.ok ? (found.result as Instrument[]).find((i) => i.tradingsymbol === 'SBIN') : undefined;
      return instrument !== undefined;
    }, { timeout: 90_000, message: `market never ready; stderr:\n${server.stderr().slice(-3000)}` })
    .toBe(true);
  if (!instrument) throw new Error('no SBIN');
  const token = instrument.token;
  let ltp = 0;
  await expect
    .poll(async () => {
      const quotes = await client.call('market.quotes', { tokens: [token] });
      ltp = quotes.ok ? ((quotes.result as Quote[])[0]?.ltp ?? 0) : 0;
      return ltp > 0;
    }, { timeout: 30_000 })
    .toBe(true);
  return { client, instrument, ltp };
}

/** A buy limit well under the market: it reaches the paper venue and stays working. */
function intentFor(instrument: Instrument, ltp: number, clientOrderId: string) {
  const price = Math.floor((ltp * 0.9) / instrument.tickSize) * instrument.tickSize;
  return { clientOrderId, token: instrument.token, side: 'BUY', orderType: 'L', product: 'CNC', validity: 'DAY', quantity: instrument.lotSize, price, triggerPrice: null };
}

test('kill -9 of the app mid order burst: acknowledged orders kept, none sent twice, projection == rebuild', async () => {
  test.setTimeout(240_000);
  const first = await startServer();
  const dataDir = first.dataDir;
  const { client, instrument, ltp } = await readyClient(first);
  // Room for the burst: the default 10 orders/s would refuse most of it (refusals are fine, but fewer would reach the broker).
  await client.callOk('risk.update', { settings: { maxOrdersPerSecond: 1000, maxOpenOrders: 100_000 } });

  const acked = new Map<string, PlaceResult>();
  const run = Date.now().toString(36);
  let killed = false;
  const killedOnce = new Promise<void>((resolve) => {
    for (let i = 0; i < BURST; i++) {
      const id = `burst-${run}-${i}`;
      void client.call('orders.place', intentFor(instrument, ltp, id)).then((outcome) => {
        if (killed) return;
        if (outcome.ok) acked.set(id, outcome.result as PlaceResult);
        if (acked.size >= KILL_AFTER_ACKS && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
          resolve();
        }
      });
    }
  });
  await killedOnce;
  const ackedAtKill = new Map(acked);
  await waitForExit(first.child, 10_000);
  client.close();
  console.log(`app-kill: ${ackedAtKill.size} of ${BURST} orders acknowledged before SIGKILL`);
  expect(ackedAtKill.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

  const second = await startServer({ dataDir });
  try {
    const again = await readyClient(second);
    // Idempotency across the crash: the same client id answers the same order.
    for (const [id, result] of ackedAtKill) {
      const repeat = await again.client.callOk<PlaceResult>('orders.place', intentFor(instrument, ltp, id));
      expect(repeat, id).toMatchObject({ orderId: result.orderId, clientOrderId: id, duplicate: true });
    }
    again.client.close();

    const url = await runCli(['db', 'url', '--data-dir', dataDir]);
    expect(url.code).toBe(0);
    const db = new pg.Client({ connectionString: url.stdout.trim() });
    await db.connect();
    try {
      const ids = [...ackedAtKill.keys()];
      const { rows: inLedger } = await db.query<{ client_order_id: string; order_id: string }>(
        `SELECT DISTINCT client_order_id, order_id::text FROM order_events WHERE client_order_id = ANY($1)`, [ids]);
      expect(new Map(inLedger.map((r) => [r.client_order_id, r.order_id]))).toEqual(new Map([...ackedAtKill].map(([id, r]) => [id, r.orderId])));

      // No order reached the broker twice: one venue order and at most one request per client id.
      const { rows: venueTwice } = await db.query(`SELECT client_order_id FROM paper_orders GROUP BY 1 HAVING count(*) > 1`);
      expect(venueTwice).toEqual([]);
      const { rows: sentTwice } = await db.query(
        `SELECT client_order_id FROM order_events WHERE event_type = 'REQUEST_SENT' AND client_order_id LIKE 'burst-%' GROUP BY 1 HAVING count(*) > 1`);
      expect(sentTwice).toEqual([]);
      const { rows: counts } = await db.query<{ venue: string; sent: string }>(
        `SELECT (SELECT count(*) FROM paper_orders WHERE client_order_id LIKE 'burst-%')::text AS venue,
                (SELECT count(DISTINCT client_order_id) FROM order_events WHERE event_type = 'REQUEST_SENT' AND client_order_id LIKE 'burst-%')::text AS sent`);
      console.log('app-kill: venue orders', counts[0]?.venue, 'requests sent', counts[0]?.sent);
      expect(Number(counts[0]?.venue)).toBeLessThanOrEqual(Number(counts[0]?.sent));

      // projection == rebuild, in a transaction that is rolled back: the check changes nothing.
      await db.query('BEGIN');
      try {
        await db.query('LOCK TABLE orders IN EXCLUSIVE MODE');
        const live = await readOrdersTable(db as unknown as pg.PoolClient);
        const records = [...(await foldLedger(db as unknown as pg.PoolClient)).values()];
        await db.query('DELETE FROM orders');
        if (records.length > 0) await db.query(upsertOrdersSql(records.length), records.flatMap(orderRowValues));
        const rebuilt = await readOrdersTable(db as unknown as pg.PoolClient);
        expect(live.length).toBeGreaterThanOrEqual(ackedAtKill.size);
        expect(rebuilt).toEqual(live);
      } finally {
        await db.query('ROLLBACK');
      }
    } finally {
      await db.end();
    }
  } finally {
    await stopServer(second, 'SIGTERM');
  }
});
