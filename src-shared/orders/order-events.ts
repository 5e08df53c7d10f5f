import { z } from 'zod';
import { anyClientOrderIdSchema, clientOrderIdSchema, orderIntentSchema, orderModificationSchema } from './order-types';

/**
 * The payloads of the order ledger (`order_events`). One order is the fold of its
 * events (src-main/oms/order-fold.ts); the `orders` table is only that fold stored.
 * Shared so the audit view and the contract can show and validate them too.
 *
 * Broker requests and responses are kept verbatim (`z.unknown()` → JSONB): the ledger
 * records what was said, not our reading of it.
 */

const reasonSchema = z.string().min(1).max(500);

/** Which broker call a REQUEST_SENT / RESPONSE_RECEIVED belongs to. */
export const brokerActionSchema = z.enum(['PLACE', 'MODIFY', 'CANCEL']);
export type BrokerAction = z.infer<typeof brokerActionSchema>;

/** Broker statuses the fold acts on; fills come only as FILL events, rejections as REJECTED. */
export const reportedStatusSchema = z.enum(['OPEN', 'TRIGGER_PENDING', 'CANCELLED']);
export type ReportedStatus = z.infer<typeof reportedStatusSchema>;

/**
 * Every event type the ledger's column accepts (the CHECK of migrations 0005
 * and 0010), older names included: the one list the audit filters and the
 * database types derive from (schema.int.test.ts holds it against the CHECK).
 */
export const ledgerEventTypes = [
  'INTENT',
  'VALIDATION_PASSED', 'VALIDATED', 'VALIDATION_FAILED',
  'RISK_PASSED', 'RISK_ACCEPTED', 'RISK_REJECTED',
  'SLICED',
  'REQUEST_SENT', 'RESPONSE_RECEIVED', 'REQUEST_FAILED', 'UPDATE_RECEIVED',
  'STATUS_CHANGED',
  'FILL',
  'MODIFY_REQUESTED', 'MODIFY_CONFIRMED', 'MODIFY_REJECTED',
  'CANCEL_REQUESTED', 'CANCEL_CONFIRMED', 'CANCEL_REJECTED',
  'REJECTED',
  'RECONCILED',
] as const;

export const orderEventPayloadSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('INTENT'),
    // A slice's intent carries its child id (`parent.2`), which the trader-facing schema refuses.
    intent: orderIntentSchema.extend({ clientOrderId: anyClientOrderIdSchema }),
    /** Set on a slice: the id of the order the trader placed. */
    parentClientOrderId: clientOrderIdSchema.nullable().default(null),
  }),
  z.object({ type: z.literal('VALIDATION_PASSED') }),
  z.object({ type: z.literal('VALIDATION_FAILED'), code: z.string(), reason: reasonSchema }),
  z.object({ type: z.literal('RISK_PASSED') }),
  z.object({ type: z.literal('RISK_REJECTED'), code: z.string(), reason: reasonSchema }),
  z.object({ type: z.literal('REQUEST_SENT'), action: brokerActionSchema, request: z.unknown() }),
  z.object({
    type: z.literal('RESPONSE_RECEIVED'),
    action: brokerActionSchema,
    response: z.unknown(),
    brokerOrderId: z.string().min(1).nullable(),
  }),
  z.object({
    type: z.literal('STATUS_CHANGED'),
    status: reportedStatusSchema,
    /** The broker's own word ("TRIGGER PENDING", "open pending", …) for the audit trail. */
    brokerStatus: z.string().nullable().default(null),
    message: z.string().nullable().default(null),
  }),
  z.object({
    type: z.literal('FILL'),
    /** The broker's trade id: a fill seen twice must not count twice (the writer dedupes on it). */
    fillId: z.string().min(1),
    quantity: z.number().int().positive(),
    price: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('MODIFY_REQUESTED'), changes: orderModificationSchema }),
  z.object({ type: z.literal('MODIFY_CONFIRMED') }),
  z.object({ type: z.literal('MODIFY_REJECTED'), reason: reasonSchema }),
  z.object({ type: z.literal('CANCEL_REQUESTED'), reason: z.string().nullable().default(null) }),
  z.object({ type: z.literal('CANCEL_CONFIRMED') }),
  z.object({ type: z.literal('CANCEL_REJECTED'), reason: reasonSchema }),
  z.object({ type: z.literal('REJECTED'), reason: reasonSchema }),
]);
export type OrderEventPayload = z.infer<typeof orderEventPayloadSchema>;
export type OrderEventType = OrderEventPayload['type'];

/** One row of the ledger as the fold sees it. */
export const orderLedgerEventSchema = z.object({
  /** Ledger sequence (bigserial); strictly increasing in append order. */
  eventId: z.number().int().positive(),
  clientOrderId: anyClientOrderIdSchema,
  /** Epoch milliseconds UTC. */
  at: z.number().int().nonnegative(),
  payload: orderEventPayloadSchema,
});
export type OrderLedgerEvent = z.infer<typeof orderLedgerEventSchema>;
