import { useEffect } from 'react';
import { useClient } from '../../client/client-context';
import { useConnectionStore } from '../../stores/connection-store';
import { useDbStatusStore } from '../../stores/db-status-store';
import { startMarketSync, type ConnectionWatch } from './market-sync';
import { marketUsable } from './usable';

/** Renders nothing: keeps the market stores fed for as long as the workspace is on screen. */
export function MarketSync() {
  const client = useClient();
  useEffect(() => {
    const connection: ConnectionWatch = {
      isOpen: marketUsable,
      onChange: (listener) => {
        let last = marketUsable();
        const check = () => {
          const now = marketUsable();
          if (now !== last) {
            last = now;
            listener(now);
          }
        };
        const offConnection = useConnectionStore.subscribe(check);
        const offDb = useDbStatusStore.subscribe(check);
        return () => {
          offConnection();
          offDb();
        };
      },
    };
    return startMarketSync(client, connection);
  }, [client]);
  return null;
}
