import { describe, expect, test } from 'vitest';
import type { AuditEventRow } from '../../../../src-shared/contract/domains/audit';
import { LedgerWindow, PAGE_SIZE, type FetchPage } from './ledger-window';

/** A fake ledger of `count` events, newest first (event ids count..1), that records how it was asked. */
function fakeLedger(count: number) {
  const calls: Array<{ afterEventId?: number; offset?: number; limit: number }> = [];
  const row = (eventId: number): AuditEventRow => ({
    eventId, orderId: 'o', clientOrderId: 'c', seq: 1, eventType: 'INTENT', statusAfter: null, at: 0, tradingsymbol: 'X', side: 'BUY', strategyId: 'manual', broker: 'paper',
  });
  const fetch: FetchPage<undefined> = (_query, cursor) => {
    calls.push(cursor);
    const start = cursor.afterEventId !== undefined ? count - cursor.afterEventId + 1 : (cursor.offset ?? 0);
    const rows: AuditEventRow[] = [];
    for (let i = start; i < Math.min(count, start + cursor.limit); i += 1) rows.push(row(count - i));
    return Promise.resolve({ rows });
  };
  return { fetch, calls };
}

describe('ledger window', () => {
  test('scrolling down page by page uses the keyset cursor after the first page', async () => {
    const { fetch, calls } = fakeLedger(1000);
    const w = new LedgerWindow(fetch, () => {});
    w.reset(1000, true);
    await w.ensure(0, 450);
    expect(calls).toEqual([{ limit: PAGE_SIZE }, { afterEventId: 801, limit: PAGE_SIZE }, { afterEventId: 601, limit: PAGE_SIZE }]);
    expect(w.row(0)?.eventId).toBe(1000);
    expect(w.row(450)?.eventId).toBe(550);
  });

  test('a jump to the middle of a million rows fetches by offset, then continues by keyset', async () => {
    const { fetch, calls } = fakeLedger(1_000_000);
    const w = new LedgerWindow(fetch, () => {});
    w.reset(1_000_000, true);
    await w.ensure(500_000, 500_030);
    await w.ensure(500_190, 500_230);
    expect(calls).toEqual([{ offset: 500_000, limit: PAGE_SIZE }, { afterEventId: 500_001 - PAGE_SIZE, limit: PAGE_SIZE }]);
    expect(w.row(500_201)?.eventId).toBe(1_000_000 - 500_201);
  });

  test('memory stays bounded: old pages are evicted', async () => {
    const { fetch } = fakeLedger(1_000_000);
    const w = new LedgerWindow(fetch, () => {});
    w.reset(1_000_000, true);
    for (let page = 0; page < 200; page += 1) await w.ensure(page * PAGE_SIZE, page * PAGE_SIZE + 10);
    expect(w.cachedPages()).toBeLessThanOrEqual(60);
    expect(w.row(0)).toBeUndefined();
  });

  test('an estimate that was too high shrinks to the real end; one too low grows', async () => {
    const short = fakeLedger(250);
    const w = new LedgerWindow(short.fetch, () => {});
    w.reset(10_000, false);
    await w.ensure(0, 399);
    expect(w.total).toBe(250);

    const long = fakeLedger(1000);
    const g = new LedgerWindow(long.fetch, () => {});
    g.reset(PAGE_SIZE, false);
    await g.ensure(0, 10);
    expect(g.total).toBe(2 * PAGE_SIZE);
  });

  test('a reset drops answers that arrive for the old filters', async () => {
    let release: () => void = () => {};
    const slow: FetchPage<undefined> = () => new Promise((resolve) => (release = () => resolve({ rows: [] })));
    const w = new LedgerWindow(slow, () => {});
    w.reset(1000, true);
    const pending = w.ensure(0, 10);
    w.reset(5, true);
    release();
    await pending;
    expect(w.total).toBe(5);
  });
});
