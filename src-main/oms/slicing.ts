import type { Instrument } from '../../src-shared/domain/instrument';
import type { OrderIntent } from '../../src-shared/orders/order-types';
import { largestOrderQuantity } from '../../src-shared/orders/variety-rules';

/**
 * Splitting an order above the exchange freeze quantity into lot-aligned children.
 *
 * Largest child = floor((freeze − 1) / lot) × lot — MARKET-FACTS' "safe rule", because
 * masters disagree on whether the freeze value itself is allowed (NIFTY: lot 65, freeze
 * 1800 → 27 lots = 1,755 units). Children are as large as allowed, the remainder last:
 * NIFTY 4,000 → 1,755 + 1,755 + 490.
 *
 * Child ids are `${parent}.${n}` (n from 1). Parent ids cannot contain '.', so a child
 * id never collides with a chosen id, and a retry of the same parent produces the same
 * children — the ledger's client-id uniqueness then makes the retry a no-op.
 *
 * An iceberg order is never sliced: it is the broker's own way past the freeze limit
 * (its legs, each within the limit, go to the exchange one after another), and
 * validation has already checked every leg fits.
 */

export class SlicingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlicingError';
  }
}

export interface SliceChild {
  clientOrderId: string;
  /** 1-based position among the siblings. */
  sequence: number;
  quantity: number;
}

export type SlicePlan =
  | { sliced: false; quantity: number }
  | { sliced: true; parentClientOrderId: string; maxChildQuantity: number; children: SliceChild[] };

export function childClientOrderId(parentClientOrderId: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`Slice sequence must be ≥ 1, got ${sequence}`);
  return `${parentClientOrderId}.${sequence}`;
}

/** The parent id and sequence of a child id, or null for an id that is not a slice. */
export function parseChildClientOrderId(id: string): { parentClientOrderId: string; sequence: number } | null {
  const match = /^([A-Za-z0-9_-]+)\.([1-9]\d*)$/.exec(id);
  if (!match?.[1] || !match[2]) return null;
  return { parentClientOrderId: match[1], sequence: Number(match[2]) };
}

/** Largest lot-aligned quantity one order may carry, or null when the instrument has no freeze limit. */
export function maxChildQuantity(lotSize: number, freezeQty: number | null): number | null {
  const max = largestOrderQuantity(lotSize, freezeQty);
  if (max === null) return null;
  if (max < lotSize) throw new SlicingError(`Freeze quantity ${freezeQty} leaves no room for one lot of ${lotSize}`);
  return max;
}

/**
 * How to send `quantity` units of `instrument`. The quantity must already be whole lots
 * (validation's job); this refuses otherwise rather than invent an odd-sized child.
 */
export function planSlices(
  parentClientOrderId: string,
  quantity: number,
  instrument: Pick<Instrument, 'lotSize' | 'freezeQty'>,
): SlicePlan {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new SlicingError(`Cannot slice a quantity of ${quantity}`);
  const max = maxChildQuantity(instrument.lotSize, instrument.freezeQty);
  if (max === null || quantity <= max) return { sliced: false, quantity };
  if (quantity % instrument.lotSize !== 0) {
    throw new SlicingError(`Quantity ${quantity} is not whole lots of ${instrument.lotSize}; validate before slicing`);
  }
  const children: SliceChild[] = [];
  for (let left = quantity, sequence = 1; left > 0; sequence++) {
    const size = Math.min(max, left);
    children.push({ clientOrderId: childClientOrderId(parentClientOrderId, sequence), sequence, quantity: size });
    left -= size;
  }
  return { sliced: true, parentClientOrderId, maxChildQuantity: max, children };
}

/** The intents to send: the parent itself, or one per child with the child's id and quantity. */
export function sliceIntent(
  intent: OrderIntent,
  instrument: Pick<Instrument, 'lotSize' | 'freezeQty'>,
): { intent: OrderIntent; parentClientOrderId: string | null }[] {
  if (intent.icebergLegs !== null) return [{ intent, parentClientOrderId: null }];
  const plan = planSlices(intent.clientOrderId, intent.quantity, instrument);
  if (!plan.sliced) return [{ intent, parentClientOrderId: null }];
  return plan.children.map((child) => ({
    intent: { ...intent, clientOrderId: child.clientOrderId, quantity: child.quantity },
    parentClientOrderId: intent.clientOrderId,
  }));
}
