import type { DbStatus } from '../../../src-shared/domain/db-status';
import { useAppInfoStore } from '../stores/app-info-store';
import { useConnectionStore } from '../stores/connection-store';
import { useDbStatusStore } from '../stores/db-status-store';
import { errorMessage } from '../format/error-message';
import type { Connection } from './connect';
import type { ConnectionStatus } from './connection-state';

/** Below this the measured skew is mostly round-trip noise; the local clock is as good. */
const MIN_CLOCK_CORRECTION_MS = 1_000;

/**
 * Feeds the stores from the client: connection state, the `db.status` event,
 * and a fresh read of app info and db status on every (re)connection — state
 * may have changed while the socket was down, and events are not replayed.
 */
export function startSync({ client, transport }: Connection, now: () => number = Date.now): () => void {
  // Counts db.status events so a slow initial read cannot overwrite a newer event.
  let dbEvents = 0;
  let stopped = false;

  const setDbStatus = (status: DbStatus) => useDbStatusStore.setState({ status, readError: null });

  const offDb = client.on('db.status', (status) => {
    dbEvents += 1;
    setDbStatus(status);
  });

  async function readAppInfo(): Promise<void> {
    const sentAt = now();
    try {
      const info = await client.call('app.info', {});
      if (stopped) return;
      const receivedAt = now();
      const skew = Date.parse(info.serverTime) - (sentAt + receivedAt) / 2;
      const clockOffsetMs = Number.isFinite(skew) && Math.abs(skew) >= MIN_CLOCK_CORRECTION_MS ? Math.round(skew) : 0;
      useAppInfoStore.setState({ info, clockOffsetMs });
    } catch (error) {
      console.warn('tickdesk: app.info failed', error);
    }
  }

  async function readDbStatus(): Promise<void> {
    const eventsBefore = dbEvents;
    try {
      const status = await client.call('db.status', {});
      if (!stopped && dbEvents === eventsBefore) setDbStatus(status);
    } catch (error) {
      if (!stopped) useDbStatusStore.setState({ readError: errorMessage(error) });
    }
  }

  let wasOpen = false;
  const onStatus = (status: ConnectionStatus) => {
    useConnectionStore.setState({ status });
    const isOpen = status.state === 'open';
    if (isOpen && !wasOpen) {
      void readAppInfo();
      void readDbStatus();
    }
    wasOpen = isOpen;
  };

  useConnectionStore.setState({ transport: transport.kind });
  const offStatus = transport.onStatus(onStatus);
  onStatus(transport.status());

  return () => {
    stopped = true;
    offDb();
    offStatus();
  };
}
