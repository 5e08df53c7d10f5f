/**
 * Rows as Angel One's own samples write them: the order-book, trade-book, positions,
 * holdings and RMS answers of the JS SDK's test fixture (smartapi-javascript
 * test/api_config.js), which send `orderid` as a bare number, `symboltoken` null,
 * "- 2235.80", holdings as JSON numbers and null funds fields.
 */
import { describe, expect, it } from 'vitest';
import { angelOrderReport, parseAngelOrderAnswer, parseAngelOrderBook, parseAngelOrderDetails } from './order-book';
import { parseAngelFunds, parseAngelHoldings, parseAngelPositions } from './portfolio';
import { parseAngelTradeBook } from './trade-book';

const ok = (data: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ status: true, message: 'SUCCESS', errorcode: '', data }) });

const SDK_ORDER = {
  variety: 'NORMAL', ordertype: 'LIMIT', producttype: 'INTRADAY', duration: 'DAY', price: '194.00', triggerprice: '0', quantity: '1',
  disclosedquantity: '0', squareoff: '0', stoploss: '0', trailingstoploss: '0', tradingsymbol: 'SBIN-EQ', transactiontype: 'BUY',
  exchange: 'NSE', symboltoken: null, instrumenttype: '', strikeprice: '-1', optiontype: '', expirydate: '', lotsize: '1',
  cancelsize: '1', averageprice: '0', filledshares: '0', unfilledshares: '1', orderid: 201020000000080, text: '', status: 'cancelled',
  orderstatus: 'cancelled', updatetime: '20-Oct-2020 13:10:59', exchtime: '20-Oct-2020 13:10:59', exchorderupdatetime: '20-Oct-2020 13:10:59',
  fillid: '', filltime: '', parentorderid: '',
};

describe('Angel One order book', () => {
  it('reads the SDK sample row: a numeric orderid, null symboltoken, IST update time', () => {
    const book = parseAngelOrderBook(ok([SDK_ORDER]));
    if (!book.ok) throw new Error(book.error.message);
    expect(book.dropped).toBe(0);
    expect(book.rows[0]).toMatchObject({
      orderId: '201020000000080', status: 'cancelled', symbolToken: null, side: 'BUY', orderType: 'L', quantity: 1, filledQuantity: 0,
      price: 19_400, triggerPrice: null, averagePrice: null, updatedAtMs: Date.UTC(2020, 9, 20, 7, 40, 59),
    });
  });

  it('prefers orderstatus to status, reads numeric prices, and maps a report', () => {
    const modified = { ...SDK_ORDER, ordertype: 'STOPLOSS_LIMIT', status: 'modified', orderstatus: 'trigger pending', price: 195, triggerprice: 194.8, ordertag: 'TDabc' };
    const book = parseAngelOrderBook(ok([modified]));
    if (!book.ok) throw new Error('no book');
    const order = book.rows[0];
    if (!order) throw new Error('no row');
    expect(order).toMatchObject({ status: 'trigger pending', orderType: 'SL', price: 19_500, triggerPrice: 19_480, tag: 'TDabc' });
    expect(angelOrderReport('ord-1', order, [], 'SL')).toEqual({
      clientOrderId: 'ord-1', brokerOrderId: '201020000000080', status: 'TRIGGER_PENDING', brokerStatus: 'trigger pending', message: null,
      orderType: 'SL', quantity: 1, price: 19_500, triggerPrice: 19_480, filledQuantity: 0, trades: [],
    });
  });

  it('reports a partial fill and a rejection with Angel\'s reason', () => {
    const part = { ...SDK_ORDER, status: 'open', orderstatus: 'open', quantity: '10', filledshares: '4', unfilledshares: '6', averageprice: '193.95' };
    const rejected = { ...SDK_ORDER, orderid: '2', status: 'rejected', orderstatus: 'rejected', text: 'RMS:Margin Exceeds' };
    const book = parseAngelOrderBook(ok([part, rejected]));
    if (!book.ok) throw new Error('no book');
    const [open, refused] = book.rows;
    if (!open || !refused) throw new Error('rows missing');
    expect(angelOrderReport('a', open, [], 'L')).toMatchObject({ status: 'OPEN', filledQuantity: 4 });
    expect(open.averagePrice).toBe(19_395);
    expect(angelOrderReport('b', refused, [], 'L')).toMatchObject({ status: 'REJECTED', message: 'RMS:Margin Exceeds' });
  });

  it('drops rows without an order id or status and counts them; an empty book is no rows (§D2)', () => {
    const book = parseAngelOrderBook(ok([{ ...SDK_ORDER, orderid: '' }, { ...SDK_ORDER, status: '', orderstatus: null }, SDK_ORDER]));
    expect(book).toMatchObject({ ok: true, dropped: 2 });
    expect(parseAngelOrderBook(ok(null))).toMatchObject({ ok: true, rows: [] });
  });

  it('reads details/{uniqueorderid} (one object) and the place / modify answers', () => {
    expect(parseAngelOrderDetails(ok({ ...SDK_ORDER, uniqueorderid: '34reqfachdfih' }))).toMatchObject({ ok: true, data: { uniqueOrderId: '34reqfachdfih' } });
    expect(parseAngelOrderAnswer(ok({ script: 'SBIN-EQ', orderid: '200910000000111', uniqueorderid: '34reqfachdfih' }))).toEqual({
      ok: true, message: 'SUCCESS', data: { orderId: '200910000000111', uniqueOrderId: '34reqfachdfih' },
    });
    expect(parseAngelOrderAnswer(ok({ orderid: '201020000000080' }))).toMatchObject({ ok: true, data: { uniqueOrderId: null } });
    expect(parseAngelOrderAnswer(ok({ orderid: '' }))).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
  });
});

describe('Angel One trade book and portfolio', () => {
  it('reads the SDK trade row as a fill on the trading day, IST', () => {
    const row = {
      exchange: 'NSE', producttype: 'DELIVERY', tradingsymbol: 'ITC-EQ', instrumenttype: '', symbolgroup: 'EQ', strikeprice: '-1', optiontype: '',
      expirydate: '', marketlot: '1', precision: '2', multiplier: '-1', tradevalue: '175.00', transactiontype: 'BUY', fillprice: '175.00',
      fillsize: '1', orderid: '201020000000095', fillid: '50005750', filltime: '13:27:53',
    };
    const book = parseAngelTradeBook(ok([row, { ...row, fillid: '' }]), '2020-10-20');
    expect(book).toMatchObject({ ok: true, dropped: 1 });
    expect(book.ok && book.rows[0]).toEqual({
      orderId: '201020000000095',
      trade: { tradeId: '201020000000095-50005750', quantity: 1, price: 17_500, at: Date.UTC(2020, 9, 20, 7, 57, 53) },
    });
  });

  it('reads the SDK position row, "- 2235.80" included, and the holdings row of JSON numbers', () => {
    const position = {
      exchange: 'NSE', symboltoken: '2885', producttype: 'DELIVERY', tradingsymbol: 'RELIANCE-EQ', buyqty: '1', sellqty: '0', netqty: '1',
      buyavgprice: '2235.80', sellavgprice: '0', netvalue: '- 2235.80', netprice: '2235.80', lotsize: '1', cfbuyqty: '0', cfsellqty: '0',
      strikeprice: '-1', optiontype: '', expirydate: '',
    };
    const positions = parseAngelPositions(ok([position]));
    expect(positions.ok && positions.rows[0]).toMatchObject({ netqty: 1, buyavgprice: 223_580, sellavgprice: 0, netprice: 223_580, symboltoken: '2885' });
    const holding = {
      tradingsymbol: 'TATASTEEL-EQ', exchange: 'NSE', isin: 'INE081A01020', t1quantity: 0, realisedquantity: 2, quantity: 2, product: 'DELIVERY',
      averageprice: 111.87, ltp: 130.15, symboltoken: '3499', close: 129.6,
    };
    const holdings = parseAngelHoldings(ok([holding]));
    expect(holdings.ok && holdings.rows[0]).toMatchObject({ quantity: 2, averageprice: 11_187, ltp: 13_015, close: 12_960 });
  });

  it('reads getRMS with "0.0000" values and null utilised fields', () => {
    const funds = parseAngelFunds(ok({
      net: '12345.6700', availablecash: '0.0000', availableintradaypayin: '0.0000', availablelimitmargin: '0.0000', collateral: '0.0000',
      m2munrealized: '-10.5000', m2mrealized: '0.0000', utiliseddebits: '0.0000', utilisedspan: null, utilisedoptionpremium: null,
      utilisedholdingsales: null, utilisedexposure: null, utilisedturnover: null, utilisedpayout: '0.0000',
    }));
    expect(funds.ok && funds.data).toMatchObject({ net: 1_234_567, m2munrealized: -1_050, utilisedspan: null, availablecash: 0 });
    expect(parseAngelFunds(ok(null))).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
  });
});
