/**
 * Angel One's `ordertag`: the one free tag on an order, "length should be less than
 * 20 characters" (error AB4008), so at most 19. Neither Angel's SDKs nor its docs show
 * a SEBI algo-id field (§D16), so the tag carries the algo id for algo orders, as
 * Kite's `tag` does; a manual order's tag is derived from our client order id so
 * reconciliation can find it in the order book by tag after a restart.
 *
 * Only letters and digits are sent: the allowed characters are not documented, and
 * those are the ones every broker's tag accepts.
 */
import { createHash } from 'node:crypto';

export const ANGEL_TAG_MAX = 19;
const TAG_RE = /^[A-Za-z0-9]{1,19}$/;

export type AngelTagResult = { ok: true; tag: string } | { ok: false; reason: string };

/** "TD" + 17 hex digits of SHA-256(client order id): 68 bits, 19 characters. */
export function angelTagOfClientId(clientOrderId: string): string {
  return `TD${createHash('sha256').update(clientOrderId, 'utf8').digest('hex').slice(0, ANGEL_TAG_MAX - 2)}`;
}

export function angelOrderTag(order: { clientOrderId: string; algoId: string | null }): AngelTagResult {
  if (order.algoId === null) return { ok: true, tag: angelTagOfClientId(order.clientOrderId) };
  if (!TAG_RE.test(order.algoId)) {
    return {
      ok: false,
      reason: `the algo id "${order.algoId}" does not fit Angel One's order tag (1–${ANGEL_TAG_MAX} letters or digits), the only place Angel takes it`,
    };
  }
  return { ok: true, tag: order.algoId };
}
