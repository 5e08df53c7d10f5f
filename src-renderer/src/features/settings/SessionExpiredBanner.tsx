import { useState } from 'react';
import type { SessionExpiredView } from '../../../../src-shared/contract/domains/brokers';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { brokerLabel } from './account-fields';

/**
 * "Kite session expired — log in again", with the one input the broker
 * needs (Kite: the request_token from the login redirect; Kotak: the TOTP).
 * A daily expiry is a prompt here, never a silent failure in an adapter.
 */
export function SessionExpiredBanner({ notice, onDone }: { notice: SessionExpiredView; onDone(message: string): void }) {
  const client = useClient();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isKite = notice.input === 'requestToken';

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const input = isKite ? { requestToken: value.trim() } : { totp: value.trim() };
      await client.call('brokers.completeLogin', { broker: notice.broker, accountId: notice.accountId, ...input });
      setValue('');
      onDone(`${brokerLabel[notice.broker]} account “${notice.accountId}” logged in.`);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="settings-banner"
      role="alert"
      data-testid={`session-expired-${notice.broker}-${notice.accountId}`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <strong>
        {brokerLabel[notice.broker]} session expired — log in again ({notice.accountId})
      </strong>
      <span className="settings-note">{notice.message}</span>
      <label>
        {isKite ? 'Request token (from the Kite login redirect)' : 'TOTP (6 digits from your authenticator)'}
        <input
          type="password"
          autoComplete="one-time-code"
          inputMode={isKite ? 'text' : 'numeric'}
          value={value}
          data-testid="session-login-input"
          onChange={(event) => setValue(event.target.value)}
        />
      </label>
      {error ? <span className="settings-error">{error}</span> : null}
      <button type="submit" disabled={busy || value.trim() === ''} data-testid="session-login-submit">{busy ? 'Logging in…' : 'Log in'}</button>
    </form>
  );
}
