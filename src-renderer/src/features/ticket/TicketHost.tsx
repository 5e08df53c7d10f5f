import { useEffect } from 'react';
import type { Instrument } from '../../../../src-shared/domain/instrument';
import { useChartStore } from '../../stores/chart-store';
import { closeTicket, toggleTicketSide, useTicketStore } from '../../stores/ticket-store';
import { useWatchlistStore } from '../../stores/watchlist-store';
import { TicketDialog } from './TicketDialog';
import './ticket.css';

/** The instrument the trader is looking at: the chart's, else the watchlist's first (as the watchlist shows it). */
export function selectedToken(): number | null {
  return useChartStore.getState().token ?? useWatchlistStore.getState().items?.[0]?.token ?? null;
}

function knownInstrument(token: number | null): Instrument | null {
  if (token === null) return null;
  return useWatchlistStore.getState().items?.find((item) => item.token === token)?.instrument ?? null;
}

/** What a key does to the ticket; pure so the keyboard map is testable without a DOM. */
export function ticketKeyAction(key: string, modifiers: boolean, open: boolean): 'buy' | 'sell' | 'close' | null {
  if (modifiers) return null;
  if (key === 'F1') return 'buy';
  if (key === 'F2') return 'sell';
  if (key === 'Escape' && open) return 'close';
  return null;
}

/** F1 opens a BUY ticket, F2 a SELL ticket (or switches the open one), Esc closes it. */
export function TicketHost() {
  const open = useTicketStore((s) => s.open);
  const side = useTicketStore((s) => s.side);
  const prefill = useTicketStore((s) => s.prefill);
  const session = useTicketStore((s) => s.session);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = ticketKeyAction(event.key, event.ctrlKey || event.altKey || event.metaKey, useTicketStore.getState().open);
      if (action === null) return;
      // F1 would otherwise open the browser's help.
      event.preventDefault();
      if (action === 'close') closeTicket();
      else toggleTicketSide(action === 'buy' ? 'BUY' : 'SELL', selectedToken());
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  if (!open) return null;
  return <TicketDialog key={session} side={side} prefill={prefill} initialInstrument={knownInstrument(prefill.token)} />;
}
