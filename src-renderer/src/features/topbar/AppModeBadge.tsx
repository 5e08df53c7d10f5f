import { useAppInfoStore } from '../../stores/app-info-store';

export function AppModeBadge() {
  const info = useAppInfoStore((s) => s.info);
  const mode = info?.mode;
  const title =
    mode === 'electron'
      ? 'Running in the Tickdesk window'
      : mode === 'browser'
        ? 'Browser mode: served by `tickdesk serve` on this machine’s loopback'
        : 'Mode not known yet';
  return (
    <span className={`badge mode-badge${mode ? ` mode-${mode}` : ''}`} title={info ? `${title}\nTickdesk ${info.version}` : title}>
      <span data-testid="app-mode">{mode ? mode.toUpperCase() : '—'}</span>
    </span>
  );
}
