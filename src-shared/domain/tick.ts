import { z } from 'zod';

/**
 * A normalised tick, whatever feed it came from. Prices in paise, times in
 * epoch milliseconds UTC (the database stores timestamptz; the screen shows IST).
 */
export const tickSchema = z.object({
  token: z.number().int().positive(),
  /** Exchange timestamp of the tick. */
  ts: z.number().int().nonnegative(),
  ltp: z.number().int().nonnegative(),
  lastQty: z.number().int().nonnegative(),
  /** Cumulative day volume. */
  volume: z.number().int().nonnegative(),
  oi: z.number().int().nonnegative(),
  bid: z.number().int().nonnegative().nullable(),
  bidQty: z.number().int().nonnegative(),
  ask: z.number().int().nonnegative().nullable(),
  askQty: z.number().int().nonnegative(),
});
export type Tick = z.infer<typeof tickSchema>;
