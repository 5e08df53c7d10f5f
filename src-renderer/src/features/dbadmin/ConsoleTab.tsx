import type { KeyboardEvent } from 'react';
import { useClient } from '../../client/client-context';
import { formatMs } from '../../format/duration';
import { formatCount } from '../../format/quantity';
import { useConsoleStore, runConsole } from './console-store';
import { ResultGrid } from './ResultGrid';

/**
 * The read-only SQL console: one statement at a time, run with Ctrl+Enter
 * (⌘+Enter on a Mac) or the button, as a read-only role with a time limit
 * and a row cap (enforced by main; said here so no one is surprised).
 */
export function ConsoleTab() {
  const client = useClient();
  const sql = useConsoleStore((s) => s.sql);
  const running = useConsoleStore((s) => s.running);
  const result = useConsoleStore((s) => s.result);
  const failure = useConsoleStore((s) => s.failure);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void runConsole(client);
    }
  };

  return (
    <div className="dba-console" data-testid="dbadmin-console">
      <textarea
        className="dba-editor"
        data-testid="console-editor"
        aria-label="SQL"
        spellCheck={false}
        value={sql}
        onChange={(event) => useConsoleStore.setState({ sql: event.target.value })}
        onKeyDown={onKeyDown}
      />
      <div className="dba-toolbar">
        <button type="button" data-testid="console-run" disabled={running || sql.trim() === ''} onClick={() => void runConsole(client)}>
          {running ? 'Running…' : 'Run'}
        </button>
        <span className="dba-muted">Ctrl+Enter · read-only · one statement · 5 s limit · first 1,000 rows</span>
        {result ? (
          <span className="dba-status" data-testid="console-status">
            {formatCount(result.rowCount)} {result.rowCount === 1 ? 'row' : 'rows'}
            {result.truncated ? ` (more exist; capped at ${formatCount(result.rowCap)})` : ''} · {formatMs(result.elapsedMs)}
            {result.truncatedCells > 0 ? ` · ${result.truncatedCells} long values cut` : ''}
          </span>
        ) : null}
      </div>
      {failure ? (
        <div className="dba-error" role="alert" data-testid="console-error">
          <p>{failure.message}</p>
          {failure.position !== null ? <p className="dba-muted">At character {failure.position}.</p> : null}
          {failure.hint ? <p className="dba-muted">Hint: {failure.hint}</p> : null}
        </div>
      ) : null}
      {result && result.columns.length > 0 ? <ResultGrid result={result} /> : null}
      {result && result.columns.length === 0 ? <p className="dba-muted">The statement returned no columns.</p> : null}
    </div>
  );
}
