import { useConnectionStore } from '../../stores/connection-store';
import { useDbStatusStore } from '../../stores/db-status-store';

/**
 * Market calls that read PostgreSQL (watchlist, history, search) can work:
 * connected to main AND its database ready. A page often connects while the
 * server is still starting its database (or it restarts), so whatever was
 * read then is read again when this turns true.
 */
export function marketUsable(): boolean {
  return useConnectionStore.getState().status.state === 'open' && useDbStatusStore.getState().status?.state === 'ready';
}

export function useMarketUsable(): boolean {
  const open = useConnectionStore((s) => s.status.state === 'open');
  const ready = useDbStatusStore((s) => s.status?.state === 'ready');
  return open && ready;
}
