import { useCallback, useEffect, useState } from 'react';
import type { BrokerIdName, BrokersStatus } from '../../../../src-shared/contract/domains/brokers';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { AccountForm } from './AccountForm';
import { brokerLabel } from './account-fields';
import { InstrumentMaster } from './InstrumentMaster';
import { SessionExpiredBanner } from './SessionExpiredBanner';
import { UnlockForm } from './UnlockForm';
import '../../ui/dialog.css';

/**
 * Settings → Broker accounts. Shows what main reports (summaries only: no
 * secret ever reaches the renderer), the unlock form while the store is
 * locked, the expired-session prompts, the add/edit form, and the
 * instrument master the morning drill downloads.
 */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const [status, setStatus] = useState<BrokersStatus | null>(null);
  const [editing, setEditing] = useState<{ broker: BrokerIdName; accountId: string } | null>(null);
  const [removing, setRemoving] = useState<{ broker: BrokerIdName; accountId: string } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    client.call('brokers.status', {}).then(setStatus, (failure: unknown) => setError(errorMessage(failure)));
  }, [client]);

  // Subscribe to expiries and fetch the first status; both update state from callbacks.
  useEffect(() => {
    const off = client.on('brokers.sessionExpired', refresh);
    refresh();
    return off;
  }, [client, refresh]);

  const done = (message: string) => {
    setNote(message);
    setEditing(null);
    refresh();
  };

  const remove = async ({ broker, accountId }: { broker: BrokerIdName; accountId: string }) => {
    setRemoving(null);
    try {
      await client.call('brokers.removeAccount', { broker, accountId });
      done(`${brokerLabel[broker]} account “${accountId}” removed.`);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="settings-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="settings-title"
        data-testid="settings-dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <header className="settings-header">
          <h3 id="settings-title">Settings — broker accounts</h3>
          <button type="button" onClick={onClose} data-testid="settings-close" aria-label="Close settings">×</button>
        </header>
        {status === null ? <p>Loading…</p> : (
          <>
            <p className="settings-note" data-testid="secrets-key-source">
              Secrets are encrypted with {status.keySource === 'safeStorage' ? 'a key held by the OS keychain' : 'a key derived from your passphrase'}
              {status.locked ? ' — locked.' : '.'}
            </p>
            {status.expired.map((notice) => (
              <SessionExpiredBanner key={`${notice.broker}.${notice.accountId}`} notice={notice} onDone={done} />
            ))}
            {status.locked && status.keySource === 'passphrase' ? <UnlockForm status={status} onUnlocked={(next) => { setStatus(next); setNote('Broker secrets unlocked.'); }} /> : null}
            {status.locked && status.keySource === 'safeStorage' ? <p className="settings-error" role="alert">{status.lockedReason}</p> : null}
            <table className="settings-accounts" data-testid="broker-accounts">
              <tbody>
                {status.accounts.length === 0 ? <tr><td>No broker account yet.</td></tr> : status.accounts.map((account) => (
                  <tr key={`${account.broker}.${account.accountId}`} data-testid={`broker-account-${account.broker}-${account.accountId}`}>
                    <td>{brokerLabel[account.broker]}</td>
                    <td>{account.accountId}</td>
                    <td>{account.userId ?? ''}</td>
                    <td>{status.locked ? 'locked' : account.hasSession ? 'logged in' : 'no session'}</td>
                    <td>
                      <button type="button" disabled={status.locked} onClick={() => setEditing({ broker: account.broker, accountId: account.accountId })}>Edit</button>
                      <button type="button" data-testid="broker-account-remove" onClick={() => setRemoving({ broker: account.broker, accountId: account.accountId })}>Remove</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {note ? <p className="settings-saved" role="status" data-testid="settings-saved">{note}</p> : null}
            {error ? <p className="settings-error" role="alert">{error}</p> : null}
            <AccountForm key={editing ? `${editing.broker}.${editing.accountId}` : 'new'} editing={editing} disabled={status.locked} onSaved={done} onCancelEdit={() => setEditing(null)} />
            <InstrumentMaster />
          </>
        )}
        {removing ? (
          <ConfirmDialog
            title={`Remove the ${brokerLabel[removing.broker]} account “${removing.accountId}”?`}
            confirmLabel="Remove account"
            tone="danger"
            onConfirm={() => void remove(removing)}
            onCancel={() => setRemoving(null)}
            testIds={{ dialog: 'remove-account-dialog', confirm: 'remove-account-confirm', cancel: 'remove-account-cancel' }}
          >
            <p>Its stored secrets are deleted with it. To use the account again, add it anew here.</p>
          </ConfirmDialog>
        ) : null}
      </div>
    </div>
  );
}
