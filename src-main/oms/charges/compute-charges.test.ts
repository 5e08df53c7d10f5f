import { describe, expect, it } from 'vitest';
import { DISCOUNT_PLAN, type BrokeragePlan } from './brokerage';
import { ZERO_CHARGES, computeCharges, computeOrderCharges, subtractCharges, type ChargeBreakdown } from './compute-charges';
import { CHARGE_RATE_SETS, pct, ratesOn } from './rates';
import { chargeSegment } from './segment';

const sumOfParts = (c: ChargeBreakdown) => c.brokerage + c.stt + c.exchangeTxn + c.sebiFee + c.gst + c.stampDuty;

describe('charges: worked examples to the paisa', () => {
  it('NIFTY futures SELL 65 @ ₹24,000.00 on 2026-04-15 (new STT)', () => {
    // turnover 65 × ₹24,000 = ₹15,60,000.00
    // brokerage min(₹20, 0.03 % = ₹468) = ₹20.00
    // STT 0.05 % × 15,60,000 = ₹780.00
    // NSE 0.00183 % = ₹28.548 → ₹28.55
    // SEBI ₹10/crore = ₹1.56
    // GST 18 % × (20 + 28.55 + 1.56 = ₹50.11) = ₹9.0198 → ₹9.02
    // stamp: sell side → 0
    // total 20 + 780 + 28.55 + 1.56 + 9.02 = ₹839.13
    const c = computeCharges({ segment: 'FUT', side: 'SELL', quantity: 65, price: 2_400_000, tradeDate: '2026-04-15' });
    expect(c).toEqual({
      turnover: 156_000_000, brokerage: 2000, stt: 78_000, exchangeTxn: 2855, sebiFee: 156, gst: 902, stampDuty: 0, total: 83_913,
    });
  });

  it('the same sale on 2026-03-31 uses the older rates', () => {
    // STT 0.02 % × 15,60,000 = ₹312.00; NSE 0.00173 % = ₹26.988 → ₹26.99; SEBI ₹1.56
    // GST 18 % × (20 + 26.99 + 1.56 = ₹48.55) = ₹8.739 → ₹8.74; total 20 + 312 + 26.99 + 1.56 + 8.74 = ₹369.29
    const c = computeCharges({ segment: 'FUT', side: 'SELL', quantity: 65, price: 2_400_000, tradeDate: '2026-03-31' });
    expect(c).toEqual({
      turnover: 156_000_000, brokerage: 2000, stt: 31_200, exchangeTxn: 2699, sebiFee: 156, gst: 874, stampDuty: 0, total: 36_929,
    });
  });

  it('NIFTY futures BUY 65 @ ₹24,000.00: no STT, stamp 0.002 %', () => {
    // stamp 0.002 % × 15,60,000 = ₹31.20; others as the sell; total 20 + 28.55 + 1.56 + 9.02 + 31.20 = ₹90.33
    const c = computeCharges({ segment: 'FUT', side: 'BUY', quantity: 65, price: 2_400_000, tradeDate: '2026-04-15' });
    expect(c).toMatchObject({ stt: 0, stampDuty: 3120, gst: 902, total: 9033 });
  });

  it('options SELL 130 @ ₹123.45 premium', () => {
    // premium turnover 130 × 123.45 = ₹16,048.50; brokerage ₹20 flat
    // STT 0.15 % = ₹24.07275 → ₹24 (rupee); NSE 0.03553 % = ₹5.70203… → ₹5.70
    // SEBI = ₹0.0160485 → ₹0.02; GST 18 % × (20 + 5.70 + 0.02 = ₹25.72) = ₹4.6296 → ₹4.63
    // total 20 + 24 + 5.70 + 0.02 + 4.63 = ₹54.35
    const c = computeCharges({ segment: 'OPT', side: 'SELL', quantity: 130, price: 12_345, tradeDate: '2026-04-15' });
    expect(c).toEqual({
      turnover: 1_604_850, brokerage: 2000, stt: 2400, exchangeTxn: 570, sebiFee: 2, gst: 463, stampDuty: 0, total: 5435,
    });
  });

  it('options BUY 130 @ ₹123.45: stamp 0.003 % of premium', () => {
    // stamp 0.003 % × 16,048.50 = ₹0.481455 → ₹0.48; total 20 + 5.70 + 0.02 + 4.63 + 0.48 = ₹30.83
    const c = computeCharges({ segment: 'OPT', side: 'BUY', quantity: 130, price: 12_345, tradeDate: '2026-04-15' });
    expect(c).toMatchObject({ stt: 0, stampDuty: 48, total: 3083 });
  });

  it('equity delivery BUY 10 @ ₹1,234.50', () => {
    // turnover ₹12,345.00; brokerage 0; STT 0.1 % = ₹12.345 → ₹12
    // NSE 0.00307 % = ₹0.378992 → ₹0.38; SEBI ₹0.012345 → ₹0.01; GST 18 % × 0.39 = ₹0.0702 → ₹0.07
    // stamp 0.015 % = ₹1.85175 → ₹1.85; total 12 + 0.38 + 0.01 + 0.07 + 1.85 = ₹14.31
    const c = computeCharges({ segment: 'EQ_DELIVERY', side: 'BUY', quantity: 10, price: 123_450, tradeDate: '2026-04-15' });
    expect(c).toEqual({
      turnover: 1_234_500, brokerage: 0, stt: 1200, exchangeTxn: 38, sebiFee: 1, gst: 7, stampDuty: 185, total: 1431,
    });
  });

  it('rounds STT to the rupee, exactly 50 paise up, and never double-rounds', () => {
    // delivery SELL 10 @ ₹1,250.00: STT 0.1 % × 12,500 = ₹12.50 → ₹13
    expect(computeCharges({ segment: 'EQ_DELIVERY', side: 'SELL', quantity: 10, price: 125_000, tradeDate: '2026-04-15' }).stt).toBe(1300);
    // 0.1 % × 12,499.90 = ₹12.4999 → ₹12 (a paisa-first rounding would give 12.50 → 13)
    expect(computeCharges({ segment: 'EQ_DELIVERY', side: 'SELL', quantity: 1, price: 1_249_990, tradeDate: '2026-04-15' }).stt).toBe(1200);
    // intraday SELL 1 @ ₹1,998.00: 0.025 % = ₹0.4995 → ₹0
    expect(computeCharges({ segment: 'EQ_INTRADAY', side: 'SELL', quantity: 1, price: 199_800, tradeDate: '2026-04-15' }).stt).toBe(0);
  });

  it('equity intraday: brokerage 0.03 % below the cap, ₹20 above it', () => {
    // BUY 10 @ ₹1,234.50: 0.03 % × 12,345 = ₹3.7035 → ₹3.70; NSE ₹0.38; SEBI ₹0.01
    // GST 18 % × 4.09 = ₹0.7362 → ₹0.74; stamp 0.003 % = ₹0.37035 → ₹0.37; total ₹5.20
    const small = computeCharges({ segment: 'EQ_INTRADAY', side: 'BUY', quantity: 10, price: 123_450, tradeDate: '2026-04-15' });
    expect(small).toEqual({ turnover: 1_234_500, brokerage: 370, stt: 0, exchangeTxn: 38, sebiFee: 1, gst: 74, stampDuty: 37, total: 520 });
    // SELL 100 @ ₹1,234.50 (₹1,23,450): brokerage min(20, 37.035) = ₹20; STT 0.025 % = ₹30.8625 → ₹31
    // NSE ₹3.789915 → ₹3.79; SEBI ₹0.12345 → ₹0.12; GST 18 % × 23.91 = ₹4.3038 → ₹4.30; total ₹59.21
    const big = computeCharges({ segment: 'EQ_INTRADAY', side: 'SELL', quantity: 100, price: 123_450, tradeDate: '2026-04-15' });
    expect(big).toEqual({ turnover: 12_345_000, brokerage: 2000, stt: 3100, exchangeTxn: 379, sebiFee: 12, gst: 430, stampDuty: 0, total: 5921 });
  });
});

describe('charges: rates, plans and fills', () => {
  it('picks rate sets by IST trading day and refuses unknown days', () => {
    expect(ratesOn('2026-04-01').effectiveFrom).toBe('2026-04-01');
    expect(ratesOn('2026-03-31').effectiveFrom).toBe('2024-10-01');
    expect(ratesOn('2024-10-01').segments.FUT.sttSell).toBe('0.0002');
    expect(() => ratesOn('2024-09-30')).toThrow(/No charge rates/);
    expect(() => ratesOn('15-04-2026')).toThrow(/YYYY-MM-DD/);
    expect(CHARGE_RATE_SETS.map((s) => s.effectiveFrom)).toEqual([...CHARGE_RATE_SETS.map((s) => s.effectiveFrom)].sort());
  });

  it('converts percentages to fractions exactly', () => {
    expect(pct('0.05')).toBe('0.0005');
    expect(pct('0.00307')).toBe('0.0000307');
    expect(pct('18')).toBe('0.18');
    expect(pct('100')).toBe('1.00');
    expect(pct('0.0005')).toBe('0.000005');
    expect(() => pct('-1')).toThrow(RangeError);
  });

  it('takes a custom brokerage plan', () => {
    const flat: BrokeragePlan = { ...DISCOUNT_PLAN, FUT: { kind: 'flat', paise: 1500 } };
    const c = computeCharges({ segment: 'FUT', side: 'SELL', quantity: 65, price: 2_400_000, tradeDate: '2026-04-15', plan: flat });
    // GST 18 % × (15 + 28.55 + 1.56 = 45.11) = ₹8.1198 → ₹8.12
    expect(c).toMatchObject({ brokerage: 1500, gst: 812, total: 1500 + 78_000 + 2855 + 156 + 812 });
  });

  it('charges an order once on all its fills; per-fill deltas add up to the order', () => {
    const base = { segment: 'OPT' as const, side: 'SELL' as const, tradeDate: '2026-04-15' };
    const fills = [{ quantity: 65, price: 12_345 }, { quantity: 65, price: 12_350 }, { quantity: 130, price: 12_340 }];
    const order = computeOrderCharges({ ...base, fills });
    expect(order.turnover).toBe(65 * 12_345 + 65 * 12_350 + 130 * 12_340);
    expect(order.brokerage).toBe(2000); // ₹20 once, not per fill
    let before = ZERO_CHARGES;
    const rows: ChargeBreakdown[] = [];
    for (let i = 1; i <= fills.length; i++) {
      const after = computeOrderCharges({ ...base, fills: fills.slice(0, i) });
      rows.push(subtractCharges(after, before));
      before = after;
    }
    for (const key of Object.keys(order) as (keyof ChargeBreakdown)[]) {
      expect(rows.reduce((s, r) => s + r[key], 0)).toBe(order[key]);
      for (const r of rows) expect(r[key]).toBeGreaterThanOrEqual(0);
    }
    expect(rows[0]?.brokerage).toBe(2000);
    expect(rows[1]?.brokerage).toBe(0);
  });

  it('total is always the sum of the parts; nothing executed costs nothing', () => {
    for (const segment of ['EQ_DELIVERY', 'EQ_INTRADAY', 'FUT', 'OPT'] as const) {
      for (const side of ['BUY', 'SELL'] as const) {
        const c = computeCharges({ segment, side, quantity: 75, price: 98_765, tradeDate: '2026-05-04' });
        expect(c.total).toBe(sumOfParts(c));
        expect(computeOrderCharges({ segment, side, tradeDate: '2026-05-04', fills: [] })).toEqual(ZERO_CHARGES);
      }
    }
  });

  it('maps instrument and product to a charge segment', () => {
    expect(chargeSegment('EQ', 'CNC')).toBe('EQ_DELIVERY');
    expect(chargeSegment('EQ', 'MIS')).toBe('EQ_INTRADAY');
    expect(chargeSegment('FUT', 'NRML')).toBe('FUT');
    expect(chargeSegment('PE', 'MIS')).toBe('OPT');
    expect(() => chargeSegment('EQ', 'NRML')).toThrow(RangeError);
    expect(() => chargeSegment('INDEX', 'MIS')).toThrow(RangeError);
  });
});
