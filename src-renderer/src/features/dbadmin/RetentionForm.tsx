import { useState } from 'react';
import type { RetentionSettings } from '../../../../src-shared/contract/domains/dbadmin';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { formatIsoAsIst } from '../../format/ist-time';
import { useDbAdmin } from './use-dbadmin';

const FIELDS: Array<[keyof RetentionSettings, string, number]> = [
  ['tickRetentionDays', 'Ticks kept (days)', 3650],
  ['depthRetentionDays', 'Depth kept (days)', 3650],
  ['partitionDaysAhead', 'Days prepared ahead', 60],
];

/** Edits the retention the partition manager applies; it takes effect from its next run. */
export function RetentionForm() {
  const client = useClient();
  const { data, error, refresh } = useDbAdmin('dbadmin.getRetention', {});
  const [draft, setDraft] = useState<Partial<Record<keyof RetentionSettings, string>>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  if (!data) return <p className="pane-note">{error ?? 'Reading the retention settings…'}</p>;
  const value = (key: keyof RetentionSettings) => draft[key] ?? String(data.settings[key]);
  const parsed = Object.fromEntries(FIELDS.map(([key]) => [key, Number(value(key))])) as RetentionSettings;
  const invalid = FIELDS.some(([key, , max]) => !Number.isInteger(parsed[key]) || parsed[key] < 1 || parsed[key] > max);
  const changed = FIELDS.some(([key]) => parsed[key] !== data.settings[key]);

  const save = async () => {
    setSaving(true);
    try {
      await client.call('dbadmin.setRetention', parsed);
      setDraft({});
      setSaveError(null);
      setSaved(true);
      await refresh();
    } catch (caught) {
      setSaveError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="dba-retention"
      data-testid="retention-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!invalid && changed) void save();
      }}
    >
      {FIELDS.map(([key, label, max]) => (
        <label key={key}>
          {label}
          <input
            type="number"
            min={1}
            max={max}
            step={1}
            value={value(key)}
            data-testid={`retention-${key}`}
            onChange={(event) => {
              setSaved(false);
              setDraft({ ...draft, [key]: event.target.value });
            }}
          />
        </label>
      ))}
      <button type="submit" disabled={saving || invalid || !changed} data-testid="retention-save">
        {saving ? 'Saving…' : 'Save'}
      </button>
      <span className="dba-muted">
        {invalid ? 'Whole days, at least 1.' : saved ? 'Saved; applies from the next maintenance run.' : data.updatedAt ? `Changed ${formatIsoAsIst(data.updatedAt)}` : 'Defaults'}
      </span>
      {saveError ? <p className="pane-error">{saveError}</p> : null}
    </form>
  );
}
