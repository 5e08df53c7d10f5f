import { create } from 'zustand';
import type { Notify } from '../../../src-shared/contract/domains/orders';

export interface Toast extends Notify {
  id: number;
}

interface NotificationsStore {
  /** Oldest first; capped so a burst of fills cannot cover the screen. */
  toasts: readonly Toast[];
}

export const MAX_TOASTS = 5;

export const useNotificationsStore = create<NotificationsStore>()(() => ({ toasts: [] }));

let nextId = 1;

export function pushToast(notify: Notify): number {
  const id = nextId++;
  useNotificationsStore.setState((state) => ({ toasts: [...state.toasts, { ...notify, id }].slice(-MAX_TOASTS) }));
  return id;
}

export function dismissToast(id: number): void {
  useNotificationsStore.setState((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
}
