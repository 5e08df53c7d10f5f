/**
 * Fuzzes the Breeze "stock" decoder and the tick mapping with 100,000 seeded payloads:
 * arbitrary JSON, valid quotes and depth of every layout, and valid arrays damaged
 * structurally and textually (testing/fuzz/breeze-stream-values.ts). Nothing may throw; every result
 * must be a message or a typed error, and what decodes must be sane.
 */
import { describe, expect, it } from 'vitest';
import { int, u32 } from '../../testing/fuzz/frame-mutations';
import { mulberry32, type Random } from '../../util/prng';
import { damage, randomJson } from '../../testing/fuzz/breeze-stream-values';
import { encodeBreezeDepth, encodeBreezeQuote } from '../../testing/venues/breeze/stream-encoder';
import { decodeBreezeStock, type BreezeDepth, type BreezeQuote, type BreezeStockResult } from './stream-decoder';
import { breezeTick } from './stream-tick';

const PAYLOADS = 100_000;
const EXCHANGES = [4, 4, 1, 8, 13] as const;

function validPayload(random: Random): unknown[] {
  const exchange = EXCHANGES[int(random, EXCHANGES.length)] ?? 4;
  const token = random() < 0.9 ? String(1 + int(random, 999_999)) : 'NIFTY 50';
  const price = () => (random() < 0.1 ? null : int(random, 10_000_000));
  const qty = () => (random() < 0.1 ? null : u32(random));
  if (random() < 0.3) {
    const level = () => ({ price: 5 + int(random, 1_000_000), quantity: u32(random), orders: exchange === 1 ? null : int(random, 500) });
    const depth: Pick<BreezeDepth, 'timeMs' | 'buy' | 'sell'> = { timeMs: 1_739_342_778_000, buy: Array.from({ length: 5 }, level), sell: Array.from({ length: 5 }, level) };
    return encodeBreezeDepth(`${exchange}.2!${token}`, exchange, depth);
  }
  const quote: Omit<BreezeQuote, 'kind' | 'id'> = {
    layout: random() < 0.5 ? 'cash' : 'fno',
    open: price(), last: int(random, 10_000_000), high: price(), low: price(), previousClose: price(),
    changePercent: random() < 0.1 ? null : Math.round((random() - 0.5) * 4000) / 100,
    bid: price(), bidQty: qty(), ask: price(), askQty: qty(), lastQty: qty(), averagePrice: price(), volume: qty(), totalBuyQty: qty(), totalSellQty: qty(),
    turnover: random() < 0.5 ? null : '12.5C', trend: ['', '+', '-'][int(random, 3)] ?? '', lowerCircuit: price(), upperCircuit: price(),
    lastTradeTimeMs: random() < 0.1 ? null : 1_739_338_940_000 + int(random, 1e6) * 1000, oi: null, oiChange: null,
  };
  if (quote.layout === 'fno') Object.assign(quote, { oi: qty(), oiChange: random() < 0.3 ? null : int(random, 2_000_000) - 1_000_000 });
  return encodeBreezeQuote(`${exchange}.1!${token}`, quote);
}

/** The invariants, checked by hand: 100,000 payloads × several expect() calls would spend the budget on the assertion library. */
function inconsistency(payload: unknown, result: BreezeStockResult): string | null {
  if (!result.ok) {
    const length = Array.isArray(payload) ? payload.length : 0;
    if (result.error.index < 0 || result.error.index > Math.max(length, 22)) return `error index ${result.error.index} out of range`;
    return null;
  }
  const m = result.message;
  if (!Array.isArray(payload) || payload[0] !== `${m.id.exchangeCode}.${m.id.kind === 'quote' ? 1 : 2}!${m.id.token}`) return 'id does not match item 0';
  const paise = (v: number | null) => v === null || (Number.isSafeInteger(v) && v >= 0);
  if (m.kind === 'quote') {
    const prices = [m.open, m.last, m.high, m.low, m.previousClose, m.bid, m.ask, m.averagePrice, m.lowerCircuit, m.upperCircuit];
    if (!prices.every(paise)) return 'a price is not whole non-negative paise';
    if (payload.length !== (m.layout === 'fno' ? 23 : 21)) return 'layout does not match length';
  } else if (![...m.buy, ...m.sell].every((l) => paise(l.price) && l.price > 0 && Number.isSafeInteger(l.quantity))) return 'a depth level is not sane';
  return null;
}

describe('Breeze stock decoder, fuzzed', () => {
  it(`survives ${PAYLOADS.toLocaleString('en')} random and damaged payloads with consistent output`, () => {
    const random = mulberry32(0xb4ee_2026);
    const errors = new Map<string, number>();
    const failures: string[] = [];
    let valid = 0;
    let ticks = 0;
    for (let n = 0; n < PAYLOADS; n++) {
      const kind = n % 4;
      const original = kind === 0 ? null : validPayload(random);
      const payload = kind === 0 ? randomJson(random) : kind === 1 ? original : damage(random, original as unknown[]);
      let result: BreezeStockResult;
      try {
        result = decodeBreezeStock(payload);
        if (result.ok && result.message.kind === 'quote' && breezeTick(result.message, () => 1, 0).ok) ticks += 1;
      } catch (error) {
        throw new Error(`payload ${n} threw: ${JSON.stringify(payload)}`, { cause: error });
      }
      const problem = inconsistency(payload, result);
      if (problem) failures.push(`payload ${n}: ${problem}: ${JSON.stringify(payload)}`);
      if (kind === 1) {
        if (result.ok) valid += 1;
        else failures.push(`valid payload ${n} refused (${result.error.kind} at ${result.error.index}): ${JSON.stringify(payload)}`);
      }
      if (!result.ok) errors.set(result.error.kind, (errors.get(result.error.kind) ?? 0) + 1);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(valid).toBe(PAYLOADS / 4);
    expect(ticks).toBeGreaterThan(PAYLOADS / 8);
    for (const kind of ['not-an-array', 'not-a-quote', 'bad-symbol', 'unsupported-exchange', 'bad-length', 'bad-field']) expect(errors.get(kind) ?? 0, kind).toBeGreaterThan(0);
  }, 60_000);
});
