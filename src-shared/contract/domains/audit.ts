import { z } from 'zod';
import { ledgerEventTypes } from '../../orders/order-events';
import { orderStatusSchema } from '../../orders/order-types';
import { parseIstDate } from '../../time/ist';
import { defineEvents, defineMethods } from '../define';
import { storableText } from '../../storable-text';

/**
 * Audit history (the order ledger and audit_log), its tamper-evident hash
 * chain, and the streaming CSV export. Dates in filters are IST
 * calendar days, both ends inclusive; main turns them into the half-open UTC
 * range [from 00:00 IST, day after `to` 00:00 IST). Times on the wire are
 * epoch ms UTC.
 */

export const AUDIT_LIMITS = { pageMax: 1000, offsetMax: 50_000_000, symbolMax: 64 } as const;

export { ledgerEventTypes };
export const ledgerEventTypeSchema = z.enum(ledgerEventTypes);

export const istDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD')
  .refine((text) => parseIstDate(text) !== null, { message: 'Not a real calendar date' });

/** Trading symbols: letters, digits and & . _ - (M&M, BAJAJ-AUTO), spaces inside index names. */
export const auditSymbolSchema = z
  .string()
  .trim()
  .min(1, 'The symbol must not be empty')
  .max(AUDIT_LIMITS.symbolMax)
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9&._-]+(?: [A-Z0-9&._-]+)*$/, 'A symbol holds letters, digits and & . _ - only'));

const rangeFields = {
  /** First IST day, inclusive. */
  from: istDaySchema.optional(),
  /** Last IST day, inclusive. */
  to: istDaySchema.optional(),
};

const rangeInOrder = (f: { from?: string | undefined; to?: string | undefined }) => f.from === undefined || f.to === undefined || f.from <= f.to;
const rangeMessage = { message: 'The range is reversed: "from" is after "to"', path: ['from'] };

export const auditFiltersSchema = z
  .object({
    ...rangeFields,
    symbol: auditSymbolSchema.optional(),
    strategy: storableText('the strategy').trim().min(1, 'The strategy must not be empty').max(64).optional(),
    status: orderStatusSchema.optional(),
    eventType: ledgerEventTypeSchema.optional(),
  })
  .strict()
  .refine(rangeInOrder, rangeMessage);
export type AuditFilters = z.infer<typeof auditFiltersSchema>;
export type AuditFiltersInput = z.input<typeof auditFiltersSchema>;

/** An export always names its range (the CLI's --from/--to are required too). */
export const exportFiltersSchema = z
  .object({
    from: istDaySchema,
    to: istDaySchema,
    symbol: auditSymbolSchema.optional(),
    strategy: storableText('the strategy').trim().min(1, 'The strategy must not be empty').max(64).optional(),
    status: orderStatusSchema.optional(),
    eventType: ledgerEventTypeSchema.optional(),
  })
  .strict()
  .refine(rangeInOrder, rangeMessage);
export type ExportFilters = z.infer<typeof exportFiltersSchema>;

const epochMs = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const rowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** One ledger event in the history table (the payload is fetched with the timeline). */
export const auditEventRowSchema = z.object({
  eventId: rowId,
  orderId: z.string(),
  clientOrderId: z.string(),
  seq: z.number().int().positive(),
  eventType: z.string(),
  statusAfter: z.string().nullable(),
  at: epochMs,
  /** From the orders projection; null when the order row is missing. */
  tradingsymbol: z.string().nullable(),
  side: z.string().nullable(),
  strategyId: z.string(),
  broker: z.string(),
});
export type AuditEventRow = z.infer<typeof auditEventRowSchema>;

export const timelineEventSchema = z.object({
  eventId: rowId,
  seq: z.number().int().positive(),
  eventType: z.string(),
  statusAfter: z.string().nullable(),
  at: epochMs,
  /** Verbatim as stored (requests and responses inside). */
  payload: z.record(z.string(), z.unknown()),
  /** Hex SHA-256 of the chain link; null on events written with the chain off. */
  hash: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const auditLogRowSchema = z.object({
  id: rowId,
  at: epochMs,
  actor: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditLogRow = z.infer<typeof auditLogRowSchema>;

export const chainVerificationSchema = z.object({
  /** True when every link recomputed equal. */
  ok: z.boolean(),
  /** False when the walk was stopped before the end. */
  complete: z.boolean(),
  checked: z.number().int().nonnegative(),
  headEventId: rowId.nullable(),
  /** Hex hash of the last verified event: note it down to detect a truncated tail later. */
  headHash: z.string().nullable(),
  firstBroken: z
    .object({
      eventId: rowId,
      /** prev_hash: not the previous event's hash (deleted/reordered); hash: content does not match. */
      link: z.enum(['prev_hash', 'hash']),
      expected: z.string(),
      found: z.string().nullable(),
    })
    .nullable(),
  elapsedMs: z.number().int().nonnegative(),
});
export type ChainVerification = z.infer<typeof chainVerificationSchema>;

export const exportStateSchema = z.enum(['running', 'done', 'failed', 'cancelled']);
export type ExportState = z.infer<typeof exportStateSchema>;

export const exportProgressSchema = z.object({
  exportId: z.string(),
  fileName: z.string(),
  state: exportStateSchema,
  rowsDone: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** Hex SHA-256 of the finished file. */
  sha256: z.string().nullable(),
  /** Absolute path of the finished file on the machine running Tickdesk. */
  path: z.string().nullable(),
  /** Browser mode: same-origin URL path to download the finished file. */
  downloadPath: z.string().nullable(),
  /** Why it failed, in words. */
  message: z.string().nullable(),
});
export type ExportProgress = z.infer<typeof exportProgressSchema>;

export const auditMethods = defineMethods({
  'audit.events': {
    args: z
      .object({
        filters: auditFiltersSchema.default({}),
        order: z.enum(['newest', 'oldest']).default('newest'),
        /** Keyset cursor: continue after this event id (in `order`). */
        afterEventId: rowId.optional(),
        /** Random access for a scrollbar jump when no cursor is known; ignored with afterEventId. */
        offset: z.number().int().min(0).max(AUDIT_LIMITS.offsetMax).optional(),
        limit: z.number().int().min(1).max(AUDIT_LIMITS.pageMax).default(200),
      })
      .strict(),
    result: z.object({ rows: z.array(auditEventRowSchema), nextAfterEventId: rowId.nullable() }),
    summary: 'A page of ledger events (joined to orders for symbol and strategy), newest first, by keyset.',
  },
  'audit.count': {
    args: z.object({ filters: auditFiltersSchema.default({}) }).strict(),
    result: z.object({ count: z.number().int().nonnegative(), exact: z.boolean() }),
    summary: 'How many ledger events match the filters (the planner estimate when counting would be slow).',
  },
  'audit.timeline': {
    args: z.object({ orderId: z.uuid() }).strict(),
    result: z.object({
      orderId: z.string(),
      clientOrderId: z.string(),
      tradingsymbol: z.string().nullable(),
      side: z.string().nullable(),
      status: z.string().nullable(),
      events: z.array(timelineEventSchema),
    }),
    summary: "One order's events in order, each request and response verbatim.",
  },
  'audit.log': {
    args: z
      .object({
        filters: z.object(rangeFields).strict().refine(rangeInOrder, rangeMessage).default({}),
        afterId: rowId.optional(),
        limit: z.number().int().min(1).max(AUDIT_LIMITS.pageMax).default(200),
      })
      .strict(),
    result: z.object({ rows: z.array(auditLogRowSchema), nextAfterId: rowId.nullable() }),
    summary: 'A page of audit_log (settings, kill switch, logins), newest first.',
  },
  'audit.verify': {
    args: z.object({}).strict(),
    result: chainVerificationSchema,
    summary: "Recomputes the ledger's hash chain and names the first broken link.",
  },
  'audit.export': {
    args: z.object({ filters: exportFiltersSchema, bom: z.boolean().default(false) }).strict(),
    result: z.object({ exportId: z.string(), fileName: z.string(), total: z.number().int().nonnegative() }),
    summary: 'Starts a streaming CSV export of the ledger; progress arrives as audit.exportProgress.',
  },
  'audit.exportCancel': {
    args: z.object({ exportId: z.string().min(1).max(64) }).strict(),
    result: z.object({ cancelled: z.boolean() }),
    summary: 'Cancels a running export; its partial file is removed.',
  },
});

export const auditEvents = defineEvents({
  /** Several times a second while an export runs, and once when it ends. */
  'audit.exportProgress': exportProgressSchema,
});
