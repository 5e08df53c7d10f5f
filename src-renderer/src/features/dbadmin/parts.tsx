import type { ReactNode } from 'react';

/** A labelled list of facts, in the Database pane's kv style. */
export function Facts({ rows, testId }: { rows: Array<[key: string, label: string, value: ReactNode]>; testId?: string }) {
  return (
    <dl className="kv dba-facts" data-testid={testId}>
      {rows.map(([key, label, value]) => (
        <div className="kv-row" key={key}>
          <dt>{label}</dt>
          <dd data-testid={`dba-${key}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Refresh button, a running mark and the last read error; the last data stays shown under an error. */
export function TabBar({ loading, error, onRefresh, children }: { loading: boolean; error: string | null; onRefresh: () => void; children?: ReactNode }) {
  return (
    <>
      <div className="dba-toolbar">
        <button type="button" onClick={onRefresh} disabled={loading} data-testid="dba-refresh">
          {loading ? 'Reading…' : 'Refresh'}
        </button>
        {children}
      </div>
      {error ? (
        <p className="pane-error" role="alert" data-testid="dba-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="dba-section">
      <h3 className="dba-heading">{title}</h3>
      {children}
    </section>
  );
}
