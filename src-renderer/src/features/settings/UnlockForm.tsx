import { useState } from 'react';
import type { BrokersStatus } from '../../../../src-shared/contract/domains/brokers';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';

/**
 * Browser mode (or a desktop without a keyring): the passphrase that derives
 * the key. The first one entered sets it, so it is typed twice then.
 */
export function UnlockForm({ status, onUnlocked }: { status: BrokersStatus; onUnlocked(status: BrokersStatus): void }) {
  const client = useClient();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const setup = status.needsPassphraseSetup;
  const mismatch = setup && repeat !== '' && repeat !== passphrase;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await client.call('brokers.unlock', { passphrase });
      onUnlocked(next);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      // The passphrase is dropped either way; nothing keeps it in the page.
      setPassphrase('');
      setRepeat('');
      setBusy(false);
    }
  };

  return (
    <form
      className="settings-form"
      data-testid="secrets-unlock-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!mismatch) void submit();
      }}
    >
      <h4>{setup ? 'Choose a secrets passphrase' : 'Unlock broker secrets'}</h4>
      <p className="settings-note">{status.lockedReason}</p>
      <label>
        Passphrase
        <input type="password" autoComplete={setup ? 'new-password' : 'current-password'} value={passphrase} data-testid="secrets-passphrase" onChange={(event) => setPassphrase(event.target.value)} />
      </label>
      {setup ? (
        <label>
          Repeat it
          <input type="password" autoComplete="new-password" value={repeat} data-testid="secrets-passphrase-repeat" onChange={(event) => setRepeat(event.target.value)} />
        </label>
      ) : null}
      {mismatch ? <p className="settings-error">The two passphrases differ.</p> : null}
      {error ? <p className="settings-error" role="alert">{error}</p> : null}
      <div className="settings-actions">
        <button type="submit" disabled={busy || passphrase === '' || (setup && repeat !== passphrase)} data-testid="secrets-unlock">
          {busy ? 'Checking…' : setup ? 'Set passphrase' : 'Unlock'}
        </button>
      </div>
    </form>
  );
}
