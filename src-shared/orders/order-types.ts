import { z } from 'zod';
import { storableText } from '../storable-text';

/**
 * The order vocabulary shared by the core, the contract and the order ticket.
 * Prices are integer paise, quantities are units (never lots: the ticket converts
 * lots × lotSize before an intent exists, so the core has one unit of account).
 */

export const sideSchema = z.enum(['BUY', 'SELL']);
export type Side = z.infer<typeof sideSchema>;

/** Kite/Kotak spellings differ (MARKET vs MKT, LIMIT vs L); adapters translate these. */
export const orderTypeSchema = z.enum(['MKT', 'L', 'SL', 'SL-M']);
export type OrderType = z.infer<typeof orderTypeSchema>;

/** MIS intraday, CNC cash delivery, NRML F&O carry-forward. */
export const productSchema = z.enum(['MIS', 'CNC', 'NRML']);
export type Product = z.infer<typeof productSchema>;

export const validitySchema = z.enum(['DAY', 'IOC']);
export type Validity = z.infer<typeof validitySchema>;

export const orderStatusSchema = z.enum([
  'PENDING_LOCAL',
  'SENT',
  'OPEN',
  'TRIGGER_PENDING',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELLED',
  'REJECTED',
  'MODIFY_PENDING',
  'CANCEL_PENDING',
]);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export const TERMINAL_STATUSES: readonly OrderStatus[] = ['FILLED', 'CANCELLED', 'REJECTED'];
export function isTerminalStatus(status: OrderStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * Parent ids exclude '.', which slicing reserves for child ids (`${parent}.1`), so a
 * child id can never collide with an id the trader or a strategy chose.
 */
export const clientOrderIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'client order id may hold only letters, digits, "_" and "-"');

/** A parent id, or a child id made by slicing: `${parent}.${n}` with n ≥ 1. */
export const anyClientOrderIdSchema = z
  .string()
  .min(1)
  .max(72)
  .regex(/^[A-Za-z0-9_-]{1,64}(\.[1-9]\d{0,6})?$/, 'not a client order id');

const paiseSchema = z.number().int().nonnegative();

/**
 * Market protection in integer BASIS POINTS of the price (100 bp = 1 %), because an
 * integer keeps the ledger free of floats; adapters send bp / 100 as the broker's
 * percentage (Kite: 0–100 %). `MARKET_PROTECTION_AUTO` (−1) asks the broker to choose,
 * as Kite's −1 does. 0 means none, which SEBI's 2026 framework no longer allows on
 * market (and SL-M) orders: validation refuses it there.
 */
export const MARKET_PROTECTION_AUTO = -1;
export const MARKET_PROTECTION_MAX_BPS = 10_000;
export const marketProtectionSchema = z.number().int().min(MARKET_PROTECTION_AUTO).max(MARKET_PROTECTION_MAX_BPS);

/**
 * What the trader (or a strategy) asked for, before validation and risk. The shape
 * only checks types and ranges; the rules that need the instrument (tick grid, lots,
 * which fields an order type takes) live in the core's validation so they can give
 * the trader a sentence rather than a schema path.
 */
export const orderIntentSchema = z.object({
  clientOrderId: clientOrderIdSchema,
  token: z.number().int().positive(),
  side: sideSchema,
  orderType: orderTypeSchema,
  product: productSchema,
  validity: validitySchema,
  /** Units, not lots. */
  // int4 in the ledger's projection: a bigger quantity is refused here, not by a driver error (found by fuzzing).
  quantity: z.number().int().min(-2_147_483_648).max(2_147_483_647),
  price: paiseSchema.nullable(),
  triggerPrice: paiseSchema.nullable(),
  marketProtection: marketProtectionSchema.default(0),
  // PostgreSQL text and JSONB cannot hold NUL (found by fuzzing).
  strategyId: storableText('the strategy id').min(1).max(64).default('manual'),
  /** SEBI algo id for API orders from a registered strategy; null for manual orders. */
  algoId: storableText('the algo id').min(1).max(64).nullable().default(null),
  /**
   * An after-market order: the broker queues it for the next session (Kite variety
   * `amo`, Kotak `am: "YES"`). Defaulted so INTENT events written before it existed
   * still parse, and fold to the same order they always were.
   */
  amo: z.boolean().default(false),
  /**
   * An iceberg order in this many equal legs (Kite variety `iceberg`), or null. The
   * schema only bounds it; the rules (2–10, L/SL, whole-lot legs within the freeze
   * quantity) are variety-rules.ts's, so the trader gets a sentence, not a schema path.
   */
  icebergLegs: z.number().int().min(0).max(1_000).nullable().default(null),
});
/** After parsing: defaults applied. */
export type OrderIntent = z.infer<typeof orderIntentSchema>;
/** Before parsing: what a caller may send (defaults optional). */
export type OrderIntentInput = z.input<typeof orderIntentSchema>;

/** The fields a modify may change; absent means unchanged. */
export const orderModificationSchema = z.object({
  quantity: z.number().int().positive().optional(),
  price: paiseSchema.nullable().optional(),
  triggerPrice: paiseSchema.nullable().optional(),
  orderType: orderTypeSchema.optional(),
});
export type OrderModification = z.infer<typeof orderModificationSchema>;
