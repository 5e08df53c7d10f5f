/**
 * A Breeze quote → our normalised Tick. The stream name says only "4" for both NSE
 * and NFO, so our token comes from the caller, who knows what it joined; the quote's
 * layout (21 items cash, 23 F&O) is passed along to tell them apart. Times are the
 * last trade time (epoch seconds on the wire), else the arrival time. An index's null
 * volume and depth read as 0 and no quote.
 */
import type { Tick } from '../../../src-shared/domain/tick';
import type { BreezeQuote } from './stream-decoder';
import type { BreezeStreamId } from './stream-subscription';

export type BreezeTokenResolver = (id: BreezeStreamId, layout: BreezeQuote['layout']) => number | null;

export type BreezeTickResult = { ok: true; tick: Tick } | { ok: false; reason: 'unknown-instrument' };

export function breezeTick(quote: BreezeQuote, resolve: BreezeTokenResolver, receivedAtMs: number): BreezeTickResult {
  const token = resolve(quote.id, quote.layout);
  if (token === null) return { ok: false, reason: 'unknown-instrument' };
  const hasBid = quote.bid !== null && quote.bid > 0;
  const hasAsk = quote.ask !== null && quote.ask > 0;
  return {
    ok: true,
    tick: {
      token,
      ts: quote.lastTradeTimeMs ?? receivedAtMs,
      ltp: quote.last,
      lastQty: quote.lastQty ?? 0,
      volume: quote.volume ?? 0,
      oi: quote.oi ?? 0,
      bid: hasBid ? quote.bid : null,
      bidQty: hasBid ? (quote.bidQty ?? 0) : 0,
      ask: hasAsk ? quote.ask : null,
      askQty: hasAsk ? (quote.askQty ?? 0) : 0,
    },
  };
}
