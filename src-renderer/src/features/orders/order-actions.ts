import type { TickdeskClient } from '../../../../src-shared/contract/client';
import type { Order } from '../../../../src-shared/contract/domains/orders';
import { errorMessage } from '../../format/error-message';
import { applyOrders } from '../../stores/orders-store';
import { fieldsFor, parseCount, parseRupees } from '../ticket/ticket-form';

export interface ModifyDraft {
  /** Units as typed (the table shows units, F&O included). */
  quantity: string;
  price: string;
  trigger: string;
}

export type ModifyPatch = { quantity?: number; price?: number; triggerPrice?: number };

/** The draft as a modify call: only the fields that changed, or why it cannot be sent. */
export function modifyPatch(order: Order, draft: ModifyDraft): { ok: true; patch: ModifyPatch } | { ok: false; error: string } {
  const fields = fieldsFor(order.orderType);
  const patch: ModifyPatch = {};
  const quantity = parseCount(draft.quantity, 'Quantity');
  if (!quantity.ok) return { ok: false, error: quantity.error };
  if (quantity.value !== order.quantity) patch.quantity = quantity.value;
  if (fields.price) {
    const price = parseRupees(draft.price, 'Price');
    if (!price.ok) return { ok: false, error: price.error };
    if (price.value !== order.price) patch.price = price.value;
  }
  if (fields.trigger) {
    const trigger = parseRupees(draft.trigger, 'Trigger price');
    if (!trigger.ok) return { ok: false, error: trigger.error };
    if (trigger.value !== order.triggerPrice) patch.triggerPrice = trigger.value;
  }
  if (Object.keys(patch).length === 0) return { ok: false, error: 'Nothing changed.' };
  return { ok: true, patch };
}

/** Sends a modify; the answer (and later orders.changed) lands in the store. Returns an error text or null. */
export async function modifyOrder(client: TickdeskClient, orderId: string, patch: ModifyPatch): Promise<string | null> {
  try {
    applyOrders([await client.call('orders.modify', { orderId, ...patch })]);
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}

export async function cancelOrder(client: TickdeskClient, orderId: string): Promise<string | null> {
  try {
    applyOrders([await client.call('orders.cancel', { orderId })]);
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}
