/**
 * Kotak Neo's exchange segments (`es` on orders, `pExchSeg` in the scrip master) and
 * how they map to our exchanges and tokens.
 *
 * Kotak's token (pSymbol) is only unique within a segment file: 2885 can be a cash
 * share in nse_cm and a contract in nse_fo. Our instruments table is keyed by one
 * token, so Kotak instruments get token = pSymbol × 256 + segment code, with Kite's
 * segment codes — the same composition Kite uses, which makes our token for a
 * contract identical under both brokers wherever the exchange tokens agree.
 * pSymbol stays in exchangeToken for talking to Kotak.
 */
import type { Exchange } from '../../../src-shared/domain/instrument';

export type KotakSegment = 'nse_cm' | 'bse_cm' | 'nse_fo' | 'bse_fo' | 'cde_fo' | 'mcx_fo';

export interface KotakSegmentInfo {
  exchange: Exchange;
  /** Kite's numbering (1 NSE, 2 NFO, 3 CDS, 4 BSE, 5 BFO, 7 MCX). */
  code: number;
  cash: boolean;
  /**
   * lExpiryDate's epoch. NSE-derived files (nse_fo, cde_fo) count seconds from
   * 1980-01-01 00:00 IST, the NSE trading system's epoch; bse_fo and mcx_fo use Unix
   * time. From Kotak's public client code, not from MARKET-FACTS: a wrong guess shows
   * up as expiries ten years off, which the parser refuses when told today's date
   * (see scrip-master.ts).
   */
  expiryEpochOffsetSeconds: number;
}

/** Unix time of 1980-01-01 00:00 IST (= 1979-12-31 18:30 UTC). */
export const NSE_EPOCH_UNIX_SECONDS = 315_513_000;

export const KOTAK_SEGMENTS: Readonly<Record<KotakSegment, KotakSegmentInfo>> = {
  nse_cm: { exchange: 'NSE', code: 1, cash: true, expiryEpochOffsetSeconds: 0 },
  bse_cm: { exchange: 'BSE', code: 4, cash: true, expiryEpochOffsetSeconds: 0 },
  nse_fo: { exchange: 'NFO', code: 2, cash: false, expiryEpochOffsetSeconds: NSE_EPOCH_UNIX_SECONDS },
  bse_fo: { exchange: 'BFO', code: 5, cash: false, expiryEpochOffsetSeconds: 0 },
  cde_fo: { exchange: 'CDS', code: 3, cash: false, expiryEpochOffsetSeconds: NSE_EPOCH_UNIX_SECONDS },
  mcx_fo: { exchange: 'MCX', code: 7, cash: false, expiryEpochOffsetSeconds: 0 },
};

export function asKotakSegment(text: string): KotakSegment | null {
  const key = text.trim().toLowerCase();
  return Object.hasOwn(KOTAK_SEGMENTS, key) ? (key as KotakSegment) : null;
}

/** Our exchange → Kotak's `es`; null for BCD, which MARKET-FACTS does not list for Kotak. */
export function kotakSegmentOf(exchange: Exchange): KotakSegment | null {
  for (const [segment, info] of Object.entries(KOTAK_SEGMENTS) as [KotakSegment, KotakSegmentInfo][]) {
    if (info.exchange === exchange) return segment;
  }
  return null;
}

export function kotakInstrumentToken(segment: KotakSegment, pSymbol: number): number {
  return pSymbol * 256 + KOTAK_SEGMENTS[segment].code;
}
