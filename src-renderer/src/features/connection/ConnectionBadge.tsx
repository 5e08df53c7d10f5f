import { useConnectionStore } from '../../stores/connection-store';

export function ConnectionBadge() {
  const state = useConnectionStore((s) => s.status.state);
  const transport = useConnectionStore((s) => s.transport);
  const via = transport === 'electron' ? 'Electron IPC' : `WebSocket to ${location.host || 'the server'}`;
  return (
    <span className={`badge conn-badge conn-${state}`} title={`Link to the Tickdesk core over ${via}`}>
      <span className="badge-label">Link</span>
      <span data-testid="connection-state">{state}</span>
    </span>
  );
}
