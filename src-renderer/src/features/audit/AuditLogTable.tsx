import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditLogRow } from '../../../../src-shared/contract/domains/audit';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { formatIstDay, formatIstStamp } from '../../format/ist-time';
import { formatCount } from '../../format/quantity';
import { useAuditStore } from '../../stores/audit-store';
import { VirtualTable } from './VirtualTable';

const ROW_HEIGHT = 24;
const PAGE = 200;

interface Loaded {
  /** Which range and refresh these rows belong to. */
  key: string;
  rows: AuditLogRow[];
  more: boolean;
  error: string | null;
}

/**
 * audit_log (settings, kill switch, logins): newest first, a page more each
 * time the last loaded row scrolls into view. It is a small table next to the
 * ledger, so it keeps what it loaded.
 */
export function AuditLogTable({ refreshKey }: { refreshKey: number }) {
  const client = useClient();
  const from = useAuditStore((s) => s.applied.from);
  const to = useAuditStore((s) => s.applied.to);
  const key = `${from ?? ''}|${to ?? ''}#${refreshKey}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const loading = useRef<string | null>(null);

  const fetchPage = useCallback(
    (afterId: number | undefined) =>
      client.call('audit.log', { filters: { ...(from ? { from } : {}), ...(to ? { to } : {}) }, limit: PAGE, ...(afterId === undefined ? {} : { afterId }) }),
    [client, from, to],
  );
  const failed = (forKey: string, rows: AuditLogRow[]) => (failure: unknown) =>
    setLoaded({ key: forKey, rows, more: false, error: errorMessage(failure) });

  useEffect(() => {
    let current = true;
    fetchPage(undefined).then(
      (page) => current && setLoaded({ key, rows: page.rows, more: page.nextAfterId !== null, error: null }),
      (failure: unknown) => current && failed(key, [])(failure),
    );
    return () => {
      current = false;
    };
  }, [fetchPage, key]);

  const mine = loaded?.key === key ? loaded : null;
  const rows = mine?.rows ?? [];
  // The next page when the last loaded row comes into view (once per page: `loading` remembers which).
  const onRange = useCallback(
    (_first: number, last: number) => {
      if (!mine?.more || last < mine.rows.length - 1 || mine.rows.length === 0) return;
      const afterId = mine.rows.at(-1)?.id;
      const marker = `${key}@${afterId}`;
      if (loading.current === marker) return;
      loading.current = marker;
      fetchPage(afterId).then(
        (page) => setLoaded({ key, rows: [...mine.rows, ...page.rows], more: page.nextAfterId !== null, error: null }),
        failed(key, mine.rows),
      );
    },
    [mine, fetchPage, key],
  );

  return (
    <div className="audit-table-wrap">
      <p className="audit-count" data-testid="audit-log-count">
        {mine ? `${formatCount(rows.length)}${mine.more ? '+' : ''} entries` : 'Reading…'}
        {from || to ? ` (${from ? formatIstDay(from) : '…'} to ${to ? formatIstDay(to) : '…'} IST)` : ''}
        {mine?.error ? <span className="pane-error"> {mine.error}</span> : null}
      </p>
      <VirtualTable
        label="Audit log"
        testId="audit-log-table"
        rowCount={rows.length}
        rowHeight={ROW_HEIGHT}
        onRangeChange={onRange}
        renderRow={(index) => {
          const row = rows[index];
          if (!row) return null;
          return (
            <div className="audit-log-row" data-testid="audit-log-row" title={JSON.stringify(row.details)}>
              <span className="num">{formatIstStamp(row.at)}</span>
              <span>{row.actor}</span>
              <b>{row.action}</b>
              <code>{JSON.stringify(row.details)}</code>
            </div>
          );
        }}
        header={
          <div className="audit-log-row audit-head" role="row">
            <span role="columnheader">Time (IST)</span>
            <span role="columnheader">Actor</span>
            <span role="columnheader">Action</span>
            <span role="columnheader">Details</span>
          </div>
        }
      />
    </div>
  );
}
