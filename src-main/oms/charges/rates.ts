/**
 * NSE statutory charge rates as DATA with effective dates (MARKET-FACTS "Charges").
 * Rates change by circular; add a new entry with its date rather than editing an old
 * one, so a trade is always charged at the rates of its own trading day.
 *
 * Rates are written as PERCENT strings (as the circulars print them) and turned into
 * exact decimal fractions by `pct`; no float ever holds a rate.
 */

export type ChargeSegment = 'EQ_DELIVERY' | 'EQ_INTRADAY' | 'FUT' | 'OPT';
export const CHARGE_SEGMENTS: readonly ChargeSegment[] = ['EQ_DELIVERY', 'EQ_INTRADAY', 'FUT', 'OPT'];

/** Per-segment rates, as decimal fractions of turnover (premium turnover for options). */
export interface SegmentRates {
  sttBuy: string;
  sttSell: string;
  exchangeTxn: string;
  /** Stamp duty is levied on the buyer only. */
  stampDutyBuy: string;
}

export interface ChargeRateSet {
  /** First IST trading day ('YYYY-MM-DD', inclusive) these rates apply to. */
  effectiveFrom: string;
  source: string;
  segments: Record<ChargeSegment, SegmentRates>;
  /** SEBI turnover fee: ₹10 per crore = 10 / 1,00,00,000 = 0.000001. */
  sebiFee: string;
  /** GST on brokerage + exchange transaction charge + SEBI fee. */
  gst: string;
}

/** '0.05' (percent) → '0.0005' (fraction), by moving the decimal point: exact. */
export function pct(percent: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(percent);
  if (!match) throw new RangeError(`"${percent}" is not a percentage`);
  const fraction = match[2] ?? '';
  const digits = `${match[1]}${fraction}`.replace(/^0+(?=\d)/, '');
  const decimals = fraction.length + 2;
  return digits.length <= decimals
    ? `0.${digits.padStart(decimals, '0')}`
    : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

const STAMP = { delivery: pct('0.015'), intraday: pct('0.003'), futures: pct('0.002'), options: pct('0.003') };
const SEBI_FEE = '0.000001';
const GST = pct('18');

export const CHARGE_RATE_SETS: readonly ChargeRateSet[] = [
  {
    effectiveFrom: '2024-10-01',
    source: 'Budget 2024 STT (F&O) from 1 Oct 2024; NSE flat transaction charges from 1 Oct 2024',
    segments: {
      EQ_DELIVERY: { sttBuy: pct('0.1'), sttSell: pct('0.1'), exchangeTxn: pct('0.00297'), stampDutyBuy: STAMP.delivery },
      EQ_INTRADAY: { sttBuy: '0', sttSell: pct('0.025'), exchangeTxn: pct('0.00297'), stampDutyBuy: STAMP.intraday },
      FUT: { sttBuy: '0', sttSell: pct('0.02'), exchangeTxn: pct('0.00173'), stampDutyBuy: STAMP.futures },
      OPT: { sttBuy: '0', sttSell: pct('0.1'), exchangeTxn: pct('0.03503'), stampDutyBuy: STAMP.options },
    },
    sebiFee: SEBI_FEE,
    gst: GST,
  },
  {
    // STT: futures 0.05 % and options 0.15 % of premium from 1 Apr 2026 (MARKET-FACTS).
    // NSE transaction charges 0.00307 / 0.00183 / 0.03553 %: MARKET-FACTS gives the new
    // rates but not their start date. ASSUMED to start on 2026-04-01 with the STT change;
    // correct this date (split the entry if it differs) once the NSE circular is checked.
    effectiveFrom: '2026-04-01',
    source: 'STT on F&O from 1 Apr 2026; NSE transaction charges (start date assumed 1 Apr 2026)',
    segments: {
      EQ_DELIVERY: { sttBuy: pct('0.1'), sttSell: pct('0.1'), exchangeTxn: pct('0.00307'), stampDutyBuy: STAMP.delivery },
      EQ_INTRADAY: { sttBuy: '0', sttSell: pct('0.025'), exchangeTxn: pct('0.00307'), stampDutyBuy: STAMP.intraday },
      FUT: { sttBuy: '0', sttSell: pct('0.05'), exchangeTxn: pct('0.00183'), stampDutyBuy: STAMP.futures },
      OPT: { sttBuy: '0', sttSell: pct('0.15'), exchangeTxn: pct('0.03553'), stampDutyBuy: STAMP.options },
    },
    sebiFee: SEBI_FEE,
    gst: GST,
  },
];

/** The rate set in force on an IST trading day. Throws for days before the first known set. */
export function ratesOn(tradeDate: string, sets: readonly ChargeRateSet[] = CHARGE_RATE_SETS): ChargeRateSet {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(tradeDate)) throw new RangeError(`Trade date must be 'YYYY-MM-DD' (IST), got "${tradeDate}"`);
  let found: ChargeRateSet | null = null;
  // ISO dates compare correctly as strings.
  for (const set of sets) if (set.effectiveFrom <= tradeDate && (!found || set.effectiveFrom > found.effectiveFrom)) found = set;
  if (!found) throw new RangeError(`No charge rates are known for ${tradeDate} (earliest: ${sets[0]?.effectiveFrom ?? 'none'})`);
  return found;
}
