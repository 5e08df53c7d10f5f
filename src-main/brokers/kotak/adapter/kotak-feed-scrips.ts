/**
 * Our instruments ↔ the scrips Kotak's HSM socket speaks of. An instrument from Kotak's
 * scrip master (scrip-sync.ts, broker 'kotak') has token = pSymbol × 256 + segment code
 * and keeps pSymbol in exchangeToken (segments.ts); its exchange gives the segment
 * (NSE → nse_cm, NFO → nse_fo, …). Indices are subscribed as index topics ("if"), the
 * rest as scrips ("sf") — see hsm-protocol.ts, assumption 11.
 *
 * The reverse direction is a lookup of exactly what we subscribed to: a topic whose
 * segment|token is not one of our instruments is refused (and counted) by the caller,
 * never guessed into a token.
 */
import type { Instrument } from '../../../../src-shared/domain/instrument';
import type { TopicKind } from '../hsm/hsm-protocol';
import type { HsmScrip } from '../hsm/hsm-requests';
import { kotakSegmentOf } from '../segments';

export interface ScripRef {
  kind: Extract<TopicKind, 'scrip' | 'index'>;
  scrip: HsmScrip;
}

export interface ScripIndex {
  /** Our token → how to subscribe it; null for an instrument Kotak has no segment for. */
  scripOf(token: number): ScripRef | null;
  /** Kotak's segment + token (from a topic) → our token, or null. */
  resolve(segment: string, token: string): number | null;
}

export function buildScripIndex(instruments: readonly Instrument[]): ScripIndex {
  const byToken = new Map<number, ScripRef>();
  const byScrip = new Map<string, number>();
  for (const instrument of instruments) {
    const segment = kotakSegmentOf(instrument.exchange);
    if (segment === null || instrument.exchangeToken <= 0) continue;
    const scrip = { segment, token: String(instrument.exchangeToken) };
    byToken.set(instrument.token, { kind: instrument.instrumentType === 'INDEX' ? 'index' : 'scrip', scrip });
    byScrip.set(`${scrip.segment}|${scrip.token}`, instrument.token);
  }
  return {
    scripOf: (token) => byToken.get(token) ?? null,
    // Segments arrive lower-case from the SDK's examples; compare case-insensitively in case the server differs.
    resolve: (segment, token) => byScrip.get(`${segment.toLowerCase()}|${token.trim()}`) ?? null,
  };
}
