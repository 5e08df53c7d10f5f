/**
 * Breeze's read requests, pure. They are GETs with a JSON body (signed like any call):
 * the book is ONE exchange and a date range per call, and one order's detail shares the
 * path, told apart by its keys. Dates go as "YYYY-MM-DDT06:00:00.000Z", the form the
 * SDK README uses for from_date / to_date.
 */
import { breezeOrderExpiry, type BreezeExchangeCode } from './contract';
import { BREEZE_PATHS } from './endpoints';
import type { BreezeRequest } from './session';

const ORDER_ID_RE = /^[A-Za-z0-9]{1,40}$/;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export function buildBreezeOrderBook(exchangeCode: BreezeExchangeCode, fromDay: string, toDay: string): BreezeRequest | null {
  if (!DAY_RE.test(fromDay) || !DAY_RE.test(toDay) || fromDay > toDay) return null;
  return { method: 'GET', path: BREEZE_PATHS.order, body: { exchange_code: exchangeCode, from_date: breezeOrderExpiry(fromDay), to_date: breezeOrderExpiry(toDay) } };
}

export function buildBreezeOrderDetail(exchangeCode: BreezeExchangeCode, orderId: string): BreezeRequest | null {
  return ORDER_ID_RE.test(orderId) ? { method: 'GET', path: BREEZE_PATHS.order, body: { exchange_code: exchangeCode, order_id: orderId } } : null;
}

export function buildBreezeTradeDetail(exchangeCode: BreezeExchangeCode, orderId: string): BreezeRequest | null {
  return ORDER_ID_RE.test(orderId) ? { method: 'GET', path: BREEZE_PATHS.trades, body: { exchange_code: exchangeCode, order_id: orderId } } : null;
}

export function buildBreezePositions(): BreezeRequest {
  return { method: 'GET', path: BREEZE_PATHS.positions, body: {} };
}
