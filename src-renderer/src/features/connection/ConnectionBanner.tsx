import type { ConnectionStatus } from '../../client/connection-state';
import { useSecondTicker } from '../../hooks/use-second-ticker';
import { useConnectionStore } from '../../stores/connection-store';

/** What the strip says; null when there is nothing to say. */
export function connectionMessage(status: ConnectionStatus, now: number, host: string): string | null {
  if (status.state === 'open' || status.state === 'unauthorized') return null;
  const next =
    status.state === 'closed' && status.retryAt !== null
      ? `next try in ${Math.max(0, Math.ceil((status.retryAt - now) / 1000))} s`
      : 'trying now';
  if (status.everOpened) return `Connection lost — reconnecting (${next}). What you see may be out of date.`;
  if (status.attempt === 0) return 'Connecting to Tickdesk…';
  return `Cannot reach Tickdesk at ${host || 'this address'}. Is tickdesk serve still running? Retrying (${next}, attempt ${status.attempt}).`;
}

/** A strip under the top bar while the browser-mode socket is down. */
export function ConnectionBanner() {
  const status = useConnectionStore((s) => s.status);
  // Only a down link needs the per-second countdown re-render.
  if (status.state === 'open' || status.state === 'unauthorized') return null;
  return <Banner status={status} />;
}

function Banner({ status }: { status: ConnectionStatus }) {
  const now = useSecondTicker();
  const message = connectionMessage(status, now, location.host);
  if (message === null) return null;
  return (
    <div
      className={`conn-banner${status.everOpened || status.state === 'closed' ? ' conn-banner-down' : ''}`}
      role="status"
      data-testid="connection-banner"
    >
      {message}
    </div>
  );
}
