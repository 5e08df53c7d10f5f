import { create } from 'zustand';
import type { Product, Side } from '../../../src-shared/orders/order-types';

export interface TicketPrefill {
  /** The instrument to start from (selected in the watchlist/chart, or a position's). */
  token: number | null;
  /** Its trading symbol, to find the instrument by search when no store knows the token. */
  symbol: string | null;
  /** Units to start from (a position's exit), null for the default. */
  quantity: number | null;
  /** The position's product when closing one; null for the instrument's default. */
  product: Product | null;
}

interface TicketStore {
  open: boolean;
  side: Side;
  prefill: TicketPrefill;
  /** Bumped on each fresh opening, so the form starts clean; a side switch keeps it. */
  session: number;
}

export const useTicketStore = create<TicketStore>()(() => ({
  open: false,
  side: 'BUY',
  prefill: { token: null, symbol: null, quantity: null, product: null },
  session: 0,
}));

/** F1/F2: opens the ticket, or, when it is already open, only switches its side (the form is kept). */
export function toggleTicketSide(side: Side, token: number | null): void {
  const state = useTicketStore.getState();
  if (state.open) useTicketStore.setState({ side });
  else openTicket(side, { token, symbol: null, quantity: null, product: null });
}

/** Opens a fresh ticket for this instrument (a new form even if one was open). */
export function openTicket(side: Side, prefill: TicketPrefill): void {
  useTicketStore.setState((state) => ({ open: true, side, prefill, session: state.session + 1 }));
}

export function closeTicket(): void {
  useTicketStore.setState({ open: false });
}

export function setTicketSide(side: Side): void {
  useTicketStore.setState({ side });
}
