/**
 * The latest quote of one instrument as the watchlist shows it. Built on the
 * ingest path from the same batches that go to market_ticks; pushed to the
 * renderer coalesced (at most one push per ~16 ms, only the quotes that changed).
 * Prices in paise, times epoch ms UTC (shown in IST).
 */
import { z } from 'zod';

export const quoteSchema = z.object({
  token: z.number().int().positive(),
  /** Last traded price. */
  ltp: z.number().int().nonnegative(),
  /** Day's open, high and low (IST day of `ts`). */
  open: z.number().int().nonnegative(),
  high: z.number().int().nonnegative(),
  low: z.number().int().nonnegative(),
  /**
   * Previous close: the close of the last stored 1d candle before the quote's
   * IST day; when none is stored (first day ever), the day's open stands in.
   */
  close: z.number().int().nonnegative(),
  /** ltp − close, paise. */
  change: z.number().int(),
  /** (ltp − close) / close × 100, for display only (never summed); 0 when close is 0. */
  changePct: z.number(),
  /** Cumulative day volume as the exchange reports it. */
  volume: z.number().int().nonnegative(),
  oi: z.number().int().nonnegative(),
  /** Best bid/ask; null where the feed gives none (indices). */
  bid: z.number().int().nonnegative().nullable(),
  ask: z.number().int().nonnegative().nullable(),
  bidQty: z.number().int().nonnegative(),
  askQty: z.number().int().nonnegative(),
  /** Market time of the last tick, epoch ms. */
  ts: z.number().int().nonnegative(),
});
export type Quote = z.infer<typeof quoteSchema>;
