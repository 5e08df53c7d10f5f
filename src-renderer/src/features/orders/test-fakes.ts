/**
 * Test doubles for the order-side panes: the shared fake client
 * (src/test/fake-client.ts) and valid contract objects to override field by field.
 */
import type { Fill, Order, OrderPreview, Position, RiskState } from '../../../../src-shared/contract/domains/orders';
import type { Instrument } from '../../../../src-shared/domain/instrument';

export { fakeClient, type FakeClient, type Handlers } from '../../test/fake-client';

export function equity(overrides: Partial<Instrument> = {}): Instrument {
  return {
    token: 1_900_100_001,
    exchangeToken: 2885,
    tradingsymbol: 'RELIANCE',
    name: 'RELIANCE INDUSTRIES',
    exchange: 'NSE',
    segment: 'NSE',
    instrumentType: 'EQ',
    expiry: null,
    strike: null,
    lotSize: 1,
    tickSize: 5,
    freezeQty: null,
    ...overrides,
  };
}

export function niftyFuture(overrides: Partial<Instrument> = {}): Instrument {
  return equity({
    token: 1_900_200_001,
    tradingsymbol: 'NIFTY26DECFUT',
    name: 'NIFTY',
    exchange: 'NFO',
    segment: 'NFO-FUT',
    instrumentType: 'FUT',
    expiry: '2026-12-29',
    lotSize: 65,
    tickSize: 10,
    freezeQty: 1800,
    ...overrides,
  });
}

let orderSeq = 0;

export function order(overrides: Partial<Order> = {}): Order {
  orderSeq += 1;
  const id = `00000000-0000-4000-8000-${String(orderSeq).padStart(12, '0')}`;
  return {
    orderId: id,
    clientOrderId: `tk-${orderSeq}`,
    parentClientOrderId: null,
    brokerOrderId: null,
    broker: 'paper',
    token: 1_900_100_001,
    tradingsymbol: 'RELIANCE',
    exchange: 'NSE',
    side: 'BUY',
    orderType: 'L',
    product: 'CNC',
    validity: 'DAY',
    quantity: 10,
    filledQuantity: 0,
    price: 250_000,
    triggerPrice: null,
    averagePrice: null,
    marketProtection: 0,
    status: 'OPEN',
    done: false,
    statusMessage: null,
    pendingModification: null,
    strategyId: 'manual',
    algoId: null,
    amo: false,
    icebergLegs: null,
    createdAt: Date.parse('2026-11-20T04:00:00Z'),
    updatedAt: Date.parse('2026-11-20T04:00:00Z'),
    children: [],
    ...overrides,
  };
}

export function position(overrides: Partial<Position> = {}): Position {
  return {
    token: 1_900_100_001,
    tradingsymbol: 'RELIANCE',
    exchange: 'NSE',
    product: 'CNC',
    strategyId: 'manual',
    netQuantity: 10,
    averagePrice: 250_000,
    ltp: 251_050,
    realisedPnl: 0,
    unrealisedPnl: 10_500,
    totalPnl: 10_500,
    dayPnl: 10_500,
    dayRealisedPnl: 0,
    carriedQuantity: 0,
    dayBuyQuantity: 10,
    dayBuyValue: 2_500_000,
    daySellQuantity: 0,
    daySellValue: 0,
    charges: 2_811,
    tradingDate: '2026-11-20',
    ...overrides,
  };
}

export function fill(overrides: Partial<Fill> = {}): Fill {
  return {
    fillId: 'f-1',
    orderId: '00000000-0000-4000-8000-000000000001',
    clientOrderId: 'tk-1',
    broker: 'paper',
    brokerTradeId: 'T1',
    token: 1_900_100_001,
    tradingsymbol: 'RELIANCE',
    exchange: 'NSE',
    side: 'BUY',
    product: 'CNC',
    quantity: 10,
    price: 250_000,
    filledAt: Date.parse('2026-11-20T04:00:01Z'),
    strategyId: 'manual',
    algoId: null,
    charges: { turnover: 2_500_000, brokerage: 0, stt: 2_500, exchangeTxn: 77, sebiFee: 3, gst: 14, stampDuty: 375, total: 2_969 },
    ...overrides,
  };
}

export function riskState(overrides: Partial<RiskState> = {}): RiskState {
  return {
    limits: { maxOrderValue: null, maxPositionValuePerInstrument: null, maxOpenOrders: null, maxOrdersPerSecond: 10, dailyLossLimit: 500_000 },
    killSwitch: { engaged: false, reason: null, at: null },
    dayPnl: -125_050,
    openOrderCount: 2,
    ...overrides,
  };
}

export function preview(overrides: Partial<OrderPreview> = {}): OrderPreview {
  return {
    ok: true,
    instrument: null,
    validation: { ok: true },
    risk: { ok: true },
    referencePrice: 250_000,
    value: 2_500_000,
    charges: { turnover: 2_500_000, brokerage: 0, stt: 2_500, exchangeTxn: 77, sebiFee: 3, gst: 14, stampDuty: 375, total: 2_969 },
    lots: null,
    slices: 1,
    maxSliceQuantity: null,
    ...overrides,
  };
}
