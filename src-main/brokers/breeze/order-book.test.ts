/** Rows from the Breeze Python SDK README's sample answers (order detail, trade detail, trade list, positions). */
import { describe, expect, it } from 'vitest';
import { buildBreezeOrderBook, buildBreezeOrderDetail } from './book-requests';
import { breezeOrderReport, parseBreezeOrderAnswer, parseBreezeOrders, parseBreezeTradeDetail, parseBreezeTradeList } from './order-book';
import { breezeNetQuantity, parseBreezePositions } from './portfolio';
import { readBreezeStatus } from './status-map';

const ok = (Success: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ Success, Status: 200, Error: null }) });

const README_ORDER = {
  order_id: '20250205N300001234', exchange_order_id: null, exchange_code: 'NSE', stock_code: 'ITC', product_type: 'Cash', action: 'Buy',
  order_type: 'Limit', stoploss: '0.00', quantity: '1', price: '420.00', validity: 'Day', disclosed_quantity: '0', expiry_date: null, right: null,
  strike_price: 0.0, average_price: '0', cancelled_quantity: '0', pending_quantity: '1', status: 'Ordered', user_remark: '',
  order_datetime: '05-Feb-2025 09:26', parent_order_id: null, modification_number: null, SLTP_price: null, LTP: null, validity_date: '',
};

describe('Breeze order book', () => {
  it('reads the README order row', () => {
    const orders = parseBreezeOrders(ok([README_ORDER]));
    if (!orders.ok) throw new Error(orders.error.message);
    expect(orders.rows[0]).toMatchObject({
      orderId: '20250205N300001234', exchangeOrderId: null, status: 'Ordered', side: 'BUY', orderType: 'L', remark: null,
      quantity: 1, filledQuantity: 0, price: 42_000, triggerPrice: null, averagePrice: null, placedAtMs: Date.UTC(2025, 1, 5, 3, 56),
    });
  });

  it('derives the filled quantity and reports what the port needs', () => {
    const part = { ...README_ORDER, quantity: '10', pending_quantity: '6', status: 'Partially Executed', average_price: '419.95' };
    const done = { ...README_ORDER, order_id: '2', pending_quantity: '0', status: 'Executed', average_price: '420.00' };
    const expired = { ...README_ORDER, order_id: '3', quantity: '10', pending_quantity: '0', status: 'Partially Executed And Expired' };
    const stop = { ...README_ORDER, order_id: '4', order_type: 'StopLoss', stoploss: '415.00', price: '414.00' };
    const orders = parseBreezeOrders(ok([part, done, expired, stop]));
    if (!orders.ok) throw new Error('no book');
    const [a, b, c, d] = orders.rows;
    if (!a || !b || !c || !d) throw new Error('rows missing');
    expect(breezeOrderReport('x', a, [], 'L')).toMatchObject({ status: 'OPEN', filledQuantity: 4 });
    expect(breezeOrderReport('x', b, [], 'L')).toMatchObject({ status: 'FILLED', filledQuantity: 1 });
    expect(c.filledQuantity).toBeNull();
    expect(breezeOrderReport('x', c, [{ tradeId: 't', quantity: 3, price: 42_000, at: 0 }], 'L')).toMatchObject({ status: 'CANCELLED', filledQuantity: 3 });
    expect(d).toMatchObject({ orderType: 'SL', triggerPrice: 41_500, price: 41_400 });
    expect(breezeOrderReport('x', d, [], 'SL-M')).toMatchObject({ status: 'TRIGGER_PENDING', orderType: 'SL-M', price: null, triggerPrice: 41_500 });
  });

  it('reads the place and cancel answers', () => {
    expect(parseBreezeOrderAnswer(ok({ order_id: '202502051400001234', message: 'Successfully Placed the order', user_remark: '' }))).toEqual({
      ok: true, data: { orderId: '202502051400001234', message: 'Successfully Placed the order' },
    });
    expect(parseBreezeOrderAnswer(ok({ order_id: '20250205N300001234', message: 'Your Order Canceled successfully.' })).ok).toBe(true);
  });

  it('builds the per-exchange book and detail requests', () => {
    expect(buildBreezeOrderBook('NFO', '2025-02-05', '2025-02-05')).toEqual({
      method: 'GET', path: 'order', body: { exchange_code: 'NFO', from_date: '2025-02-05T06:00:00.000Z', to_date: '2025-02-05T06:00:00.000Z' },
    });
    expect(buildBreezeOrderBook('NFO', '2025-02-06', '2025-02-05')).toBeNull();
    expect(buildBreezeOrderDetail('NSE', '20250205N300001234')?.body).toEqual({ exchange_code: 'NSE', order_id: '20250205N300001234' });
  });
});

describe('Breeze trades and positions', () => {
  it('reads the README trade detail as a fill with a stable id, IST time', () => {
    const detail = {
      settlement_id: '1234567', exchange_trade_id: '123456789', executed_quantity: '1', action: 'B', total_transaction_cost: '0', execution_price: '452.2',
      stock_code: 'ITC', exchange_code: 'NSE', trade_id: '2025/1234/12345678', exchange_trade_time: '05-Feb-2025 10:41:24',
    };
    const fills = parseBreezeTradeDetail(ok([detail]), '20250205N300012345');
    expect(fills.ok && fills.rows).toEqual([{ tradeId: '20250205N300012345-123456789', quantity: 1, price: 45_220, at: Date.UTC(2025, 1, 5, 5, 11, 24) }]);
    expect(parseBreezeTradeDetail(ok([{ ...detail, exchange_trade_id: null, trade_id: null }]), 'x')).toMatchObject({ ok: true, dropped: 1 });
  });

  it('reads the README trade list rows', () => {
    const list = parseBreezeTradeList(ok([{ book_type: 'Trade-Book', trade_date: '05-Feb-2025', stock_code: 'ITC', action: 'Buy', quantity: '1', average_cost: '452.20', order_id: '20250205N300012345', exchange_code: 'NSE', strike_price: null }]));
    expect(list.ok && list.rows[0]).toMatchObject({ order_id: '20250205N300012345', quantity: 1, average_cost: 45_220 });
  });

  it('reads the README position row', () => {
    const positions = parseBreezePositions(ok([{ segment: 'fno', product_type: 'Options', exchange_code: 'NFO', stock_code: 'NIFTY', expiry_date: '27-Feb-2025', strike_price: '24800', right: 'Call', action: 'NA', quantity: '0', average_price: '0', ltp: '29.95', price: '28.85' }]));
    if (!positions.ok) throw new Error('no positions');
    expect(positions.rows[0]).toMatchObject({ expiry_date: '2025-02-27', strike_price: 2_480_000, ltp: 2_995, quantity: 0 });
    expect(breezeNetQuantity({ ...(positions.rows[0] as NonNullable<(typeof positions.rows)[0]>), action: 'Sell', quantity: 75 })).toBe(-75);
  });
});

describe('Breeze statuses', () => {
  const none = { filledQuantity: 0, quantity: 10 };
  it('reads the code table\'s words, title case or not', () => {
    expect(readBreezeStatus('Ordered', none)).toMatchObject({ status: 'OPEN', reported: 'OPEN', known: true });
    expect(readBreezeStatus('Partially Executed', { filledQuantity: 4, quantity: 10 })).toMatchObject({ status: 'PARTIALLY_FILLED' });
    expect(readBreezeStatus('Executed', none)).toMatchObject({ status: 'FILLED', terminal: true });
    expect(readBreezeStatus('Expired', none)).toMatchObject({ status: 'CANCELLED', terminal: true });
    expect(readBreezeStatus('Partially Executed And Cancelled', none)).toMatchObject({ status: 'CANCELLED' });
    expect(readBreezeStatus('Rejected', none)).toMatchObject({ status: 'REJECTED' });
    expect(readBreezeStatus('REQUESTED', none)).toMatchObject({ status: 'SENT', interim: true });
    expect(readBreezeStatus('Freezed', none)).toMatchObject({ status: 'SENT', interim: true });
    expect(readBreezeStatus('All', none)).toMatchObject({ status: 'SENT', known: false });
  });
});
