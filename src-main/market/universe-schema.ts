/**
 * Shape of resources/instruments/nse-universe.json. Prices are rupee strings
 * ("1425.50") so the file reads like a quote sheet and converts to paise
 * exactly; lot sizes and freeze quantities are units, as the exchange states them.
 */
import { z } from 'zod';
import { isIstDay } from '../../src-shared/market/ist-calendar';

const rupees = z.string().regex(/^\d+(\.\d{1,2})?$/, 'a rupee amount like "1425.50"');
const istDay = z.string().refine(isIstDay, 'a YYYY-MM-DD date');
const symbol = z.string().min(1).max(32);

export const universeIndexSchema = z.object({
  /** The derivatives' `underlying` refers to this key (NIFTY, BANKNIFTY). */
  key: z.string().regex(/^[A-Z][A-Z0-9]{0,19}$/),
  tradingsymbol: symbol,
  name: z.string().min(1).max(128),
  refPrice: rupees,
  tickSize: rupees,
});

export const universeStockSchema = z.object({
  tradingsymbol: symbol,
  name: z.string().min(1).max(128),
  refPrice: rupees,
  tickSize: rupees.optional(),
  lotSize: z.number().int().positive().optional(),
});

export const expiryKindSchema = z.enum(['weekly', 'monthly']);

export const universeDerivativeSchema = z.object({
  underlying: z.string().min(1),
  lotSize: z.number().int().positive(),
  freezeQty: z.number().int().positive(),
  tickSize: rupees,
  strikeStep: rupees,
  strikesEachSide: z.number().int().min(0).max(50),
  futures: z.array(z.literal('monthly')).max(1),
  options: z.array(expiryKindSchema).max(2),
  effectiveFrom: istDay,
  source: z.string().min(1),
});

export const universeFileSchema = z
  .object({
    $comment: z.string().optional(),
    asOf: istDay,
    source: z.string().min(1),
    tokens: z.string().min(1),
    indices: z.array(universeIndexSchema).min(1).max(50),
    stockDefaults: z.object({ tickSize: rupees, lotSize: z.number().int().positive() }),
    stocks: z.array(universeStockSchema).max(5000),
    derivatives: z.array(universeDerivativeSchema).max(14),
  })
  .superRefine((file, ctx) => {
    const symbols = new Set<string>();
    for (const item of [...file.indices, ...file.stocks]) {
      if (symbols.has(item.tradingsymbol)) ctx.addIssue({ code: 'custom', message: `duplicate symbol ${item.tradingsymbol}` });
      symbols.add(item.tradingsymbol);
    }
    const keys = new Set(file.indices.map((index) => index.key));
    for (const derivative of file.derivatives) {
      if (!keys.has(derivative.underlying)) {
        ctx.addIssue({ code: 'custom', message: `derivative underlying ${derivative.underlying} is not an index key` });
      }
    }
  });

export type UniverseFile = z.infer<typeof universeFileSchema>;
export type UniverseDerivative = z.infer<typeof universeDerivativeSchema>;
