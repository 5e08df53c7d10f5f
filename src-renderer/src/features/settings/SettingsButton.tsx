import { useEffect, useState } from 'react';
import { useClient } from '../../client/client-context';
import { SettingsDialog } from './SettingsDialog';
import './settings.css';

/**
 * The top bar's Settings button. It turns into a warning when a broker
 * session expires, so the daily login prompt is seen even with the dialog closed.
 */
export function SettingsButton() {
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [expired, setExpired] = useState(0);

  useEffect(() => {
    let alive = true;
    client.call('brokers.status', {}).then((status) => alive && setExpired(status.expired.length), () => {});
    const off = client.on('brokers.sessionExpired', () => setExpired((n) => n + 1));
    return () => {
      alive = false;
      off();
    };
  }, [client]);

  return (
    <>
      <button
        type="button"
        className={`settings-btn${expired > 0 ? ' settings-btn-alert' : ''}`}
        data-testid="settings-open"
        title={expired > 0 ? 'A broker session expired — log in again' : 'Settings'}
        onClick={() => setOpen(true)}
      >
        {expired > 0 ? 'Log in again' : 'Settings'}
      </button>
      {open ? (
        <SettingsDialog
          onClose={() => {
            setOpen(false);
            client.call('brokers.status', {}).then((status) => setExpired(status.expired.length), () => {});
          }}
        />
      ) : null}
    </>
  );
}
