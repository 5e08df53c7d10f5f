import { describe, expect, it } from 'vitest';
import { orderEventPayloadSchema, orderLedgerEventSchema } from './order-events';
import {
  MARKET_PROTECTION_AUTO,
  anyClientOrderIdSchema,
  isTerminalStatus,
  orderIntentSchema,
  orderStatusSchema,
} from './order-types';

const base = {
  clientOrderId: 'abc_DEF-123', token: 1, side: 'BUY', orderType: 'L', product: 'MIS', validity: 'DAY',
  quantity: 1, price: 100, triggerPrice: null,
};

describe('order intent schema', () => {
  it('applies defaults for strategy, algo id, market protection and the variety', () => {
    expect(orderIntentSchema.parse(base)).toMatchObject({ strategyId: 'manual', algoId: null, marketProtection: 0, amo: false, icebergLegs: null });
  });

  it('bounds the variety fields by type only; the rules are for validation to explain', () => {
    expect(orderIntentSchema.parse({ ...base, amo: true, icebergLegs: 3 })).toMatchObject({ amo: true, icebergLegs: 3 });
    // 11 legs parses (validation then says "2 to 10 legs"), a fraction or a string does not.
    expect(orderIntentSchema.safeParse({ ...base, icebergLegs: 11 }).success).toBe(true);
    expect(orderIntentSchema.safeParse({ ...base, icebergLegs: 2.5 }).success).toBe(false);
    expect(orderIntentSchema.safeParse({ ...base, icebergLegs: -1 }).success).toBe(false);
    expect(orderIntentSchema.safeParse({ ...base, amo: 'YES' }).success).toBe(false);
  });

  it('refuses strategy and algo ids PostgreSQL could not store: NUL and unpaired surrogates (found by fuzzing)', () => {
    expect(orderIntentSchema.safeParse({ ...base, algoId: 'a\udacfb' }).success).toBe(false);
    expect(orderIntentSchema.safeParse({ ...base, strategyId: '\udc00' }).success).toBe(false);
    expect(orderIntentSchema.safeParse({ ...base, strategyId: 'a\u0000' }).success).toBe(false);
    expect(orderIntentSchema.parse({ ...base, strategyId: 'momentum \u{1F680}' }).strategyId).toBe('momentum \u{1F680}');
  });

  it('checks client order ids: 1–64 of [A-Za-z0-9_-]', () => {
    expect(orderIntentSchema.safeParse({ ...base, clientOrderId: 'x'.repeat(64) }).success).toBe(true);
    for (const bad of ['', 'x'.repeat(65), 'has space', 'dot.ted', 'ünï']) {
      expect(orderIntentSchema.safeParse({ ...base, clientOrderId: bad }).success).toBe(false);
    }
    expect(anyClientOrderIdSchema.safeParse('abc.3').success).toBe(true);
    expect(anyClientOrderIdSchema.safeParse('abc.0').success).toBe(false);
    expect(anyClientOrderIdSchema.safeParse('a.b.1').success).toBe(false);
  });

  it('keeps prices in whole paise and market protection in basis points', () => {
    expect(orderIntentSchema.safeParse({ ...base, price: 100.5 }).success).toBe(false);
    expect(orderIntentSchema.safeParse({ ...base, price: -5 }).success).toBe(false);
    expect(orderIntentSchema.safeParse({ ...base, marketProtection: MARKET_PROTECTION_AUTO }).success).toBe(true);
    expect(orderIntentSchema.safeParse({ ...base, marketProtection: 10_000 }).success).toBe(true);
    expect(orderIntentSchema.safeParse({ ...base, marketProtection: 10_001 }).success).toBe(false);
    expect(orderIntentSchema.safeParse({ ...base, marketProtection: -2 }).success).toBe(false);
    expect(orderIntentSchema.safeParse({ ...base, marketProtection: 2.5 }).success).toBe(false);
    expect(orderIntentSchema.safeParse({ ...base, orderType: 'MARKET' }).success).toBe(false);
  });

  it('knows the terminal statuses', () => {
    expect(orderStatusSchema.options.filter(isTerminalStatus)).toEqual(['FILLED', 'CANCELLED', 'REJECTED']);
  });
});

describe('order ledger event schema', () => {
  it('parses every payload kind and refuses unknown ones', () => {
    expect(orderEventPayloadSchema.parse({ type: 'INTENT', intent: base }).type).toBe('INTENT');
    expect(orderEventPayloadSchema.parse({ type: 'STATUS_CHANGED', status: 'OPEN' })).toEqual({
      type: 'STATUS_CHANGED', status: 'OPEN', brokerStatus: null, message: null,
    });
    expect(orderEventPayloadSchema.safeParse({ type: 'FILL', fillId: 'T1', quantity: 0, price: 1 }).success).toBe(false);
    expect(orderEventPayloadSchema.safeParse({ type: 'EXPLODED' }).success).toBe(false);
    expect(orderEventPayloadSchema.safeParse({ type: 'INTENT', intent: base, parentClientOrderId: 'p.1' }).success).toBe(false);
    const row = { eventId: 1, clientOrderId: 'abc.2', at: 0, payload: { type: 'CANCEL_CONFIRMED' } };
    expect(orderLedgerEventSchema.parse(row).payload.type).toBe('CANCEL_CONFIRMED');
  });
});
