/**
 * Fuzzes the Breeze order-notification decoder with 100,000 seeded payloads: arbitrary
 * JSON, valid equity and F&O messages, and valid arrays damaged structurally and
 * textually. Nothing may throw; what decodes must be sane.
 */
import { describe, expect, it } from 'vitest';
import { int } from '../../testing/fuzz/frame-mutations';
import { mulberry32, type Random } from '../../util/prng';
import { decodeBreezeOrderNotification, type BreezeNotificationResult } from './order-notification';
import { encodeBreezeOrderNotification } from '../../testing/venues/breeze/stream-encoder';
import { damage, randomJson } from '../../testing/fuzz/breeze-stream-values';

const PAYLOADS = 100_000;
const CODES = 'RQOPEJXBDFCZ';

function validPayload(random: Random): string[] {
  const quantity = 1 + int(random, 10_000);
  const executed = int(random, quantity + 1);
  const rate = () => `${int(random, 100_000)}.${String(int(random, 100)).padStart(2, '0')}`;
  return encodeBreezeOrderNotification({
    segment: random() < 0.5 ? 'equity' : 'fno',
    orderId: `20250205N${String(int(random, 1e9)).padStart(9, '0')}`,
    statusCode: CODES[int(random, CODES.length)] ?? 'O',
    stockCode: ['ITC', 'NIFTY', 'RELIND'][int(random, 3)] ?? 'ITC',
    side: random() < 0.5 ? 'B' : 'S',
    priceKind: (['L', 'M', 'S'] as const)[int(random, 3)] ?? 'L',
    quantity, executed, cancelled: quantity - executed, expired: 0,
    limitRate: rate(), trigger: rate(), averageRate: rate(),
  });
}

function inconsistency(result: BreezeNotificationResult): string | null {
  if (!result.ok) return null;
  const n = result.notification;
  if (!/^[A-Za-z0-9]{1,40}$/.test(n.orderId)) return 'bad order id accepted';
  if (![n.quantity, n.executedQuantity, n.cancelledQuantity, n.expiredQuantity].every((q) => Number.isSafeInteger(q) && q >= 0)) return 'a quantity is not a whole number';
  if (![n.limitPrice, n.triggerPrice, n.averageExecutedPrice].every((p) => p === null || (Number.isSafeInteger(p) && p > 0))) return 'a price is not whole positive paise';
  return null;
}

describe('Breeze order-notification decoder, fuzzed', () => {
  it(`survives ${PAYLOADS.toLocaleString('en')} random and damaged payloads with consistent output`, () => {
    const random = mulberry32(0x0de7_2026);
    const errors = new Map<string, number>();
    const failures: string[] = [];
    let valid = 0;
    for (let n = 0; n < PAYLOADS; n++) {
      const kind = n % 4;
      const original = kind === 0 ? null : validPayload(random);
      const payload = kind === 0 ? randomJson(random) : kind === 1 ? original : damage(random, original as string[]);
      let result: BreezeNotificationResult;
      try {
        result = decodeBreezeOrderNotification(payload);
      } catch (error) {
        throw new Error(`payload ${n} threw: ${JSON.stringify(payload)}`, { cause: error });
      }
      const problem = inconsistency(result);
      if (problem) failures.push(`payload ${n}: ${problem}: ${JSON.stringify(payload)}`);
      if (kind === 1) {
        if (result.ok) valid += 1;
        else failures.push(`valid payload ${n} refused (${result.error.kind})`);
      }
      if (!result.ok) errors.set(result.error.kind, (errors.get(result.error.kind) ?? 0) + 1);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(valid).toBe(PAYLOADS / 4);
    for (const kind of ['not-an-array', 'quote-stream', 'unknown-message-type', 'bad-length', 'bad-field']) expect(errors.get(kind) ?? 0, kind).toBeGreaterThan(0);
  }, 60_000);
});
