import { describe, expect, it } from 'vitest';
import { orderIntentSchema } from '../../../../src-shared/orders/order-types';
import { equity, niftyFuture } from '../orders/test-fakes';
import {
  allowedProducts,
  buildIntent,
  emptyForm,
  fieldsFor,
  fitProduct,
  intentKey,
  lotsToUnits,
  parseProtection,
  parseRupees,
  stepPrice,
  unitsToEntry,
  type TicketForm,
} from './ticket-form';

const RELIANCE = equity();
const NIFTY_FUT = niftyFuture();
const NIFTY_INDEX = equity({ token: 1_900_000_001, tradingsymbol: 'NIFTY 50', instrumentType: 'INDEX', segment: 'INDICES' });

const form = (overrides: Partial<TicketForm>): TicketForm => ({ ...emptyForm('BUY', RELIANCE), ...overrides });

describe('lots and units', () => {
  it('multiplies lots by the lot size for F&O and leaves shares alone for cash', () => {
    expect(lotsToUnits(3, NIFTY_FUT)).toBe(195);
    expect(lotsToUnits(3, RELIANCE)).toBe(3);
    expect(unitsToEntry(195, NIFTY_FUT)).toBe(3);
    // A position of 200 units shows as 3 whole lots, never a fraction.
    expect(unitsToEntry(200, NIFTY_FUT)).toBe(3);
    expect(unitsToEntry(7, RELIANCE)).toBe(7);
  });

  it('sends F&O quantity in units', () => {
    const built = buildIntent({ ...emptyForm('SELL', NIFTY_FUT), quantity: '2' });
    expect(built.ok && built.intent.quantity).toBe(130);
  });

  it('refuses a quantity that is not a whole number above zero', () => {
    for (const quantity of ['', '0', '1.5', '-2', '1e3', 'ten']) {
      const built = buildIntent(form({ quantity }));
      expect(built.ok, quantity).toBe(false);
      expect(!built.ok && built.field).toBe('quantity');
    }
  });
});

describe('rupees and paise', () => {
  it('converts exactly through the decimal string', () => {
    expect(parseRupees('2450.05', 'Price')).toEqual({ ok: true, value: 245_005 });
    // 0.1 + 0.2 style float traps do not exist here: 1234.56 is 123456 paise.
    expect(parseRupees('1234.56', 'Price')).toEqual({ ok: true, value: 123_456 });
    expect(parseRupees(' 19.9 ', 'Price')).toEqual({ ok: true, value: 1_990 });
  });

  it('refuses more than two decimals, signs, zero and junk rather than rounding', () => {
    for (const text of ['2450.055', '-5', '+5', '0', '0.00', '1,000', 'abc', '']) {
      expect(parseRupees(text, 'Price').ok, text).toBe(false);
    }
  });

  it('reads market protection in percent as basis points', () => {
    expect(parseProtection('2.5')).toEqual({ ok: true, value: 250 });
    expect(parseProtection('100')).toEqual({ ok: true, value: 10_000 });
    expect(parseProtection('100.01').ok).toBe(false);
    expect(parseProtection('0').ok).toBe(false);
  });

  it('steps a price by exactly one tick, snapping an off-grid price first', () => {
    expect(stepPrice('2450.05', 5, 1)).toBe('2450.10');
    expect(stepPrice('2450.05', 5, -1)).toBe('2450.00');
    expect(stepPrice('2450.03', 5, 1)).toBe('2450.05');
    expect(stepPrice('2450.03', 5, -1)).toBe('2450.00');
    expect(stepPrice('', 5, -1)).toBe('0.05');
    expect(stepPrice('nonsense', 5, 1)).toBeNull();
  });
});

describe('valid combinations', () => {
  it('offers CNC for cash, NRML for F&O, MIS for both and nothing for an index', () => {
    expect(allowedProducts(RELIANCE)).toEqual(['CNC', 'MIS']);
    expect(allowedProducts(NIFTY_FUT)).toEqual(['NRML', 'MIS']);
    expect(allowedProducts(NIFTY_INDEX)).toEqual([]);
  });

  it('keeps MIS across instruments but swaps CNC for NRML on F&O', () => {
    expect(fitProduct('MIS', NIFTY_FUT)).toBe('MIS');
    expect(fitProduct('CNC', NIFTY_FUT)).toBe('NRML');
    expect(fitProduct('NRML', RELIANCE)).toBe('CNC');
  });

  it('refuses CNC on F&O and any order on an index', () => {
    const fno = buildIntent({ ...emptyForm('BUY', NIFTY_FUT), product: 'CNC' });
    expect(!fno.ok && fno.field).toBe('product');
    const index = buildIntent({ ...emptyForm('BUY', NIFTY_INDEX) });
    expect(!index.ok && index.error).toContain('index');
  });

  it('asks each order type for its own fields only', () => {
    expect(fieldsFor('MKT')).toEqual({ price: false, trigger: false, protection: true, iceberg: false });
    expect(fieldsFor('L')).toEqual({ price: true, trigger: false, protection: false, iceberg: true });
    expect(fieldsFor('SL')).toEqual({ price: true, trigger: true, protection: false, iceberg: true });
    expect(fieldsFor('SL-M')).toEqual({ price: false, trigger: true, protection: true, iceberg: false });
  });
});

describe('building the intent', () => {
  it('builds a market order with protection in bp and no prices, even if boxes hold stale text', () => {
    const built = buildIntent(form({ orderType: 'MKT', quantity: '10', price: '2500', trigger: '2400', protection: '2' }));
    expect(built).toEqual({
      ok: true,
      intent: {
        token: RELIANCE.token,
        side: 'BUY',
        orderType: 'MKT',
        product: 'CNC',
        validity: 'DAY',
        quantity: 10,
        price: null,
        triggerPrice: null,
        marketProtection: 200,
        strategyId: 'manual',
        algoId: null,
        amo: false,
        icebergLegs: null,
      },
    });
  });

  it('sends auto protection as −1', () => {
    const built = buildIntent(form({ orderType: 'SL-M', trigger: '2400', protectionAuto: true }));
    expect(built.ok && built.intent).toMatchObject({ triggerPrice: 240_000, price: null, marketProtection: -1 });
  });

  it('builds a stop-loss limit with both prices in paise, and the contract accepts it', () => {
    const built = buildIntent({ ...form({ orderType: 'SL', price: '2390.5', trigger: '2400.05', validity: 'IOC' }), side: 'SELL' });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.intent).toMatchObject({ side: 'SELL', price: 239_050, triggerPrice: 240_005, marketProtection: 0, validity: 'IOC' });
    expect(orderIntentSchema.safeParse({ ...built.intent, clientOrderId: 'tk-1' }).success).toBe(true);
  });

  it('leaves the tick grid to the core (it names the tick in its reason)', () => {
    const built = buildIntent(form({ orderType: 'L', price: '2500.03' }));
    expect(built.ok && built.intent.price).toBe(250_003);
  });

  it('says which field is missing', () => {
    expect(buildIntent(form({ instrument: null }))).toMatchObject({ ok: false, field: 'instrument' });
    expect(buildIntent(form({ orderType: 'L', price: '' }))).toMatchObject({ ok: false, field: 'price' });
    expect(buildIntent(form({ orderType: 'SL', price: '10', trigger: '' }))).toMatchObject({ ok: false, field: 'trigger' });
    expect(buildIntent(form({ orderType: 'MKT', protection: '' }))).toMatchObject({ ok: false, field: 'protection' });
  });

  it('keys two equal intents alike and any change apart', () => {
    const a = buildIntent(form({ orderType: 'L', price: '2500' }));
    const b = buildIntent(form({ orderType: 'L', price: '2500.00' }));
    const c = buildIntent(form({ orderType: 'L', price: '2500.05' }));
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected intents');
    expect(intentKey(a.intent)).toBe(intentKey(b.intent));
    expect(intentKey(a.intent)).not.toBe(intentKey(c.intent));
  });

  it('keys AMO and iceberg legs apart from the same order without them', () => {
    const plain = buildIntent(form({ orderType: 'L', price: '2500', quantity: '10' }));
    const amo = buildIntent(form({ orderType: 'L', price: '2500', quantity: '10', amo: true }));
    const iceberg = buildIntent(form({ orderType: 'L', price: '2500', quantity: '10', icebergLegs: '2' }));
    if (!plain.ok || !amo.ok || !iceberg.ok) throw new Error('expected intents');
    expect(new Set([intentKey(plain.intent), intentKey(amo.intent), intentKey(iceberg.intent)]).size).toBe(3);
  });
});

describe('AMO and iceberg', () => {
  it('sends an AMO flag with any order type, and the contract accepts it', () => {
    const built = buildIntent(form({ orderType: 'MKT', quantity: '4', amo: true }));
    expect(built.ok && built.intent).toMatchObject({ amo: true, icebergLegs: null });
    if (built.ok) expect(orderIntentSchema.parse({ ...built.intent, clientOrderId: 'tk-2' })).toMatchObject({ amo: true });
  });

  it('sends iceberg legs for L and SL; a blank box is no iceberg; MKT and SL-M ignore stale legs', () => {
    const lots = { ...emptyForm('BUY', NIFTY_FUT), orderType: 'L' as const, price: '26000', quantity: '6' };
    expect(buildIntent({ ...lots, icebergLegs: '3' })).toMatchObject({ ok: true, intent: { quantity: 390, icebergLegs: 3 } });
    expect(buildIntent({ ...lots, icebergLegs: ' ' })).toMatchObject({ ok: true, intent: { icebergLegs: null } });
    expect(buildIntent({ ...lots, orderType: 'MKT', icebergLegs: '3' })).toMatchObject({ ok: true, intent: { icebergLegs: null } });
  });

  it('refuses with the core\'s own sentences: legs out of range, uneven legs, AMO with iceberg', () => {
    const lots = { ...emptyForm('BUY', NIFTY_FUT), orderType: 'L' as const, price: '26000', quantity: '6' };
    expect(buildIntent({ ...lots, icebergLegs: '1' })).toEqual({ ok: false, field: 'iceberg', error: 'An iceberg order has 2 to 10 legs, not 1.' });
    expect(buildIntent({ ...lots, icebergLegs: '11' })).toMatchObject({ ok: false, field: 'iceberg' });
    expect(buildIntent({ ...lots, icebergLegs: 'two' })).toEqual({ ok: false, field: 'iceberg', error: 'Iceberg legs must be a whole number.' });
    expect(buildIntent({ ...lots, icebergLegs: '4' })).toMatchObject({ ok: false, field: 'iceberg', error: expect.stringContaining('do not split into 4 equal legs of whole lots') });
    expect(buildIntent({ ...lots, icebergLegs: '3', amo: true })).toMatchObject({ ok: false, field: 'iceberg', error: expect.stringContaining('not both') });
  });
});
