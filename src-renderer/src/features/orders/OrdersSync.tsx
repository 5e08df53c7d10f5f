import { useEffect } from 'react';
import { useClient } from '../../client/client-context';
import { useConnectionStore } from '../../stores/connection-store';
import { startOrdersSync, type OpenWatch } from './orders-sync';

/** Renders nothing: keeps the orders, trades, positions, risk and toast stores fed. */
export function OrdersSync() {
  const client = useClient();
  useEffect(() => {
    const connection: OpenWatch = {
      isOpen: () => useConnectionStore.getState().status.state === 'open',
      onChange: (listener) =>
        useConnectionStore.subscribe((state, previous) => {
          const open = state.status.state === 'open';
          if (open !== (previous.status.state === 'open')) listener(open);
        }),
    };
    return startOrdersSync(client, connection);
  }, [client]);
  return null;
}
