/**
 * Angel One's order-update socket (wss://tns.angelone.in/smart-order-update) text
 * frames → typed messages (facts §A6). Never throws: a malformed frame is 'invalid'
 * with the reason.
 *
 *   {"user-id":"…","status-code":"200","order-status":"AB05","error-message":"",
 *    "orderData":{…the fields of an order-book row, ordertag included…}}
 *
 * The first frame after connecting carries AB00 and an empty orderData: it only says
 * the socket is up. The `order-status` code names the event; the order's own word
 * (orderstatus) is what status-map.ts reads, the code's word standing in when the
 * row has none. There is no partial-fill code: filledshares / unfilledshares tell.
 * The heartbeat answer is the text "pong".
 */
import { z } from 'zod';
import { describeIssues } from '../kite/master-report';
import { angelOrderRowSchema, normaliseAngelOrder, type AngelOrder } from './order-book';

export const ANGEL_ORDER_EVENT_CODES: ReadonlyMap<string, string> = new Map([
  ['AB01', 'open'],
  ['AB02', 'cancelled'],
  ['AB03', 'rejected'],
  ['AB04', 'modified'],
  ['AB05', 'complete'],
  ['AB06', 'after market order req received'],
  ['AB07', 'cancelled after market order'],
  ['AB08', 'modify after market order req received'],
  ['AB09', 'open pending'],
  ['AB10', 'trigger pending'],
  ['AB11', 'modify pending'],
]);

export type AngelOrderMessage =
  | { type: 'connected' }
  | { type: 'pong' }
  | { type: 'order'; code: string; event: string | null; order: AngelOrder }
  | { type: 'error'; statusCode: string; message: string }
  | { type: 'invalid'; reason: string };

const envelopeSchema = z.looseObject({
  'status-code': z.union([z.string(), z.number()]).transform(String).optional(),
  'order-status': z.string().optional(),
  'error-message': z.string().nullish(),
  orderData: z.unknown().optional(),
});

export function parseAngelOrderMessage(text: string): AngelOrderMessage {
  if (text.trim() === 'pong') return { type: 'pong' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { type: 'invalid', reason: 'not JSON' };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { type: 'invalid', reason: describeIssues(envelope.error.issues) };
  const { 'status-code': statusCode, 'order-status': code, 'error-message': errorMessage, orderData } = envelope.data;
  if (statusCode !== undefined && statusCode !== '200') return { type: 'error', statusCode, message: errorMessage?.trim() || `status ${statusCode}` };
  if (code === 'AB00') return { type: 'connected' };
  if (code === undefined) return { type: 'invalid', reason: 'no order-status' };
  const event = ANGEL_ORDER_EVENT_CODES.get(code) ?? null;
  if (typeof orderData !== 'object' || orderData === null) return { type: 'invalid', reason: `${code} without orderData` };
  const data = orderData as Record<string, unknown>;
  const filled = event !== null && !isWord(data.orderstatus) && !isWord(data.status) ? { ...data, orderstatus: event } : data;
  const row = angelOrderRowSchema.safeParse(filled);
  if (!row.success) return { type: 'invalid', reason: `${code}: ${describeIssues(row.error.issues)}` };
  return { type: 'order', code, event, order: normaliseAngelOrder(row.data) };
}

function isWord(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
