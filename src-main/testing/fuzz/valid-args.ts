/**
 * One valid argument per contract method, written by hand: the fuzzers mutate
 * one field of these to get near-valid input that reaches deep into each
 * schema. Partial on purpose: a domain added later is still fuzzed (from `{}`,
 * see sampleFor) and missingSamples() names it in the test output.
 */
import { errorCodes, methodNames, type MethodArgs, type MethodName } from '../../../src-shared/contract';

type Samples = { [M in MethodName]?: MethodArgs<M> };

const ORDER_ID = '6f1c1d4e-8a2b-4c3d-9e4f-5a6b7c8d9e0f';

export const validArgs: Samples = {
  'app.info': {},
  'app.diagnostics': {},
  'audit.events': { filters: { from: '2026-01-01', to: '2026-12-31', symbol: 'RELIANCE' }, order: 'oldest', limit: 50 },
  'audit.count': { filters: { status: 'FILLED', eventType: 'INTENT', strategy: 'manual' } },
  'audit.timeline': { orderId: ORDER_ID },
  'audit.log': { filters: { from: '2026-01-01' }, limit: 10 },
  'audit.verify': {},
  'audit.export': { filters: { from: '2026-11-01', to: '2026-11-02' }, bom: false },
  'audit.exportCancel': { exportId: 'no-such-export' },
  'backup.create': { label: 'fuzz' },
  'backup.cancel': {},
  'backup.list': {},
  'backup.verify': { id: '20261120T093015Z-fuzz', deep: false },
  'backup.restore': { id: '20261120T093015Z-fuzz' },
  'backup.discardRestore': {},
  'db.status': {},
  'dbadmin.server': {},
  'dbadmin.tables': {},
  'dbadmin.activity': {},
  'dbadmin.statements': { orderBy: 'calls', limit: 5 },
  'dbadmin.resetStatements': {},
  'dbadmin.wal': {},
  'dbadmin.getRetention': {},
  'dbadmin.setRetention': { tickRetentionDays: 30, depthRetentionDays: 7, partitionDaysAhead: 4 },
  'dbadmin.maintain': { action: 'analyze', table: 'orders' },
  'dbadmin.maintenanceLog': { limit: 5 },
  'dbadmin.query': { sql: 'SELECT 1 AS one' },
  'market.search': { query: 'REL', limit: 5 },
  'watchlist.list': {},
  'watchlist.add': { token: 738561 },
  'watchlist.remove': { token: 738561 },
  'watchlist.move': { token: 738561, toIndex: 0 },
  'market.quotes': { tokens: [738561, 256265] },
  'market.candles': { token: 738561, timeframe: '1m', limit: 10 },
  'market.watchCandles': { keys: [{ token: 738561, timeframe: '1m' }] },
  'market.health': {},
  'orders.place': {
    clientOrderId: 'fuzz-1', token: 738561, side: 'BUY', orderType: 'L', product: 'MIS', validity: 'DAY',
    quantity: 1, price: 250_000, triggerPrice: null, marketProtection: 0, strategyId: 'manual', algoId: null,
  },
  'orders.preview': {
    clientOrderId: 'fuzz-p', token: 738561, side: 'SELL', orderType: 'MKT', product: 'CNC', validity: 'IOC',
    quantity: 5, price: null, triggerPrice: null, marketProtection: -1, strategyId: 'algo-1', algoId: 'SEBI-1',
  },
  'orders.modify': { orderId: ORDER_ID, price: 250_010 },
  'orders.cancel': { orderId: ORDER_ID },
  'orders.list': { scope: 'open', limit: 20 },
  'orders.get': { orderId: ORDER_ID },
  'trades.list': { limit: 20 },
  'positions.list': {},
  'risk.get': {},
  'risk.update': { settings: { maxOrdersPerSecond: 1000, maxOrderValue: null } },
  'risk.killSwitch': { engage: false, reason: 'fuzz' },
  'brokers.status': {},
};

/** The sample for a method, as a plain object the fuzzer may mutate; `{}` where none was written. */
export function sampleFor(method: MethodName): Record<string, unknown> {
  const sample = Object.hasOwn(validArgs, method) ? (validArgs[method] as Record<string, unknown> | undefined) : undefined;
  return sample ? structuredClone(sample) : {};
}

export function missingSamples(): MethodName[] {
  return methodNames.filter((m) => validArgs[m] === undefined);
}

const codes: ReadonlySet<string> = new Set(errorCodes);

/**
 * Why `outcome` is not a call envelope ({ok:true,result} or {ok:false,error:{code,message}}
 * with a contract error code), or null when it is. By hand, not zod: it runs per case.
 */
export function envelopeProblem(outcome: unknown): string | null {
  if (typeof outcome !== 'object' || outcome === null) return 'not an object';
  const o = outcome as Record<string, unknown>;
  if (o.ok === true) return 'result' in o ? null : 'ok without result';
  if (o.ok !== false) return `ok is ${String(o.ok)}`;
  const error = o.error as Record<string, unknown> | null | undefined;
  if (typeof error !== 'object' || error === null) return 'error is not an object';
  if (typeof error.code !== 'string' || !codes.has(error.code)) return `error code ${String(error.code)} is not a contract code`;
  if (typeof error.message !== 'string') return 'error message is not a string';
  return null;
}
