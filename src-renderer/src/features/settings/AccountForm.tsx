import { useState } from 'react';
import type { BrokerIdName } from '../../../../src-shared/contract/domains/brokers';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { brokerFields, brokerLabel } from './account-fields';

interface AccountFormProps {
  /** Editing an existing account: blank fields keep the stored values. */
  editing: { broker: BrokerIdName; accountId: string } | null;
  disabled: boolean;
  onSaved(message: string): void;
  onCancelEdit(): void;
}

/**
 * Adds or edits a broker account. Every value lives only in this form's
 * state until sent; after a save the form is emptied, so a secret typed once
 * is never on screen again (main never sends it back either).
 */
export function AccountForm({ editing, disabled, onSaved, onCancelEdit }: AccountFormProps) {
  const client = useClient();
  const [broker, setBroker] = useState<BrokerIdName>(editing?.broker ?? 'kite');
  const [accountId, setAccountId] = useState(editing?.accountId ?? '');
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const specs = brokerFields[broker];

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const fields = Object.fromEntries(specs.map((spec) => [spec.name, values[spec.name] ?? '']));
      const args = broker === 'kite' ? { broker, accountId, fields } : { broker, accountId, fields };
      const { account } = await client.call('brokers.saveAccount', args);
      setValues({});
      if (!editing) setAccountId('');
      onSaved(`${brokerLabel[account.broker]} account “${account.accountId}” saved.`);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="settings-form"
      data-testid="broker-account-form"
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h4>{editing ? `Edit ${brokerLabel[editing.broker]} account “${editing.accountId}”` : 'Add a broker account'}</h4>
      {editing ? <p className="settings-note">Leave a field empty to keep what is stored. New keys end the current session.</p> : null}
      <label>
        Broker
        <select value={broker} disabled={Boolean(editing)} data-testid="broker-select" onChange={(event) => { setBroker(event.target.value as BrokerIdName); setValues({}); }}>
          <option value="kite">Zerodha Kite</option>
          <option value="kotak">Kotak Neo</option>
        </select>
      </label>
      <label>
        Account name
        <input value={accountId} disabled={Boolean(editing)} required maxLength={40} data-testid="broker-account-id" onChange={(event) => setAccountId(event.target.value)} />
      </label>
      {specs.map((spec) => (
        <label key={`${broker}.${spec.name}`}>
          {spec.label}
          <input
            type={spec.secret ? 'password' : 'text'}
            autoComplete={spec.secret ? 'new-password' : 'off'}
            required={spec.required && !editing}
            value={values[spec.name] ?? ''}
            data-testid={`broker-field-${spec.name}`}
            onChange={(event) => setValues((current) => ({ ...current, [spec.name]: event.target.value }))}
          />
        </label>
      ))}
      {error ? <p className="settings-error" role="alert">{error}</p> : null}
      <div className="settings-actions">
        {editing ? <button type="button" onClick={onCancelEdit}>Cancel</button> : null}
        <button type="submit" disabled={disabled || busy} data-testid="broker-account-save">{busy ? 'Saving…' : 'Save'}</button>
      </div>
    </form>
  );
}
