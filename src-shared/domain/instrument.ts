import { z } from 'zod';

/** Instrument as the terminal knows it; prices in paise. The day's master is the authority. */
export const exchangeSchema = z.enum(['NSE', 'NFO', 'BSE', 'BFO', 'CDS', 'BCD', 'MCX']);
export const instrumentTypeSchema = z.enum(['EQ', 'FUT', 'CE', 'PE', 'INDEX']);

export const instrumentSchema = z.object({
  token: z.number().int().positive(),
  exchangeToken: z.number().int().nonnegative(),
  tradingsymbol: z.string().min(1).max(64),
  name: z.string().max(128),
  exchange: exchangeSchema,
  segment: z.string().min(1).max(32),
  instrumentType: instrumentTypeSchema,
  /** IST calendar date "YYYY-MM-DD" for derivatives, null for cash and indices. */
  expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  strike: z.number().int().nonnegative().nullable(),
  lotSize: z.number().int().positive(),
  tickSize: z.number().int().positive(),
  /** Units above which the exchange refuses one order; null where none applies. */
  freezeQty: z.number().int().positive().nullable(),
});
export type Instrument = z.infer<typeof instrumentSchema>;
export type Exchange = z.infer<typeof exchangeSchema>;
export type InstrumentType = z.infer<typeof instrumentTypeSchema>;
