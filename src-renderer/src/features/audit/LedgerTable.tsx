import { useCallback, useEffect, useReducer, useState } from 'react';
import type { AuditEventRow, AuditFilters } from '../../../../src-shared/contract/domains/audit';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { formatIstStamp } from '../../format/ist-time';
import { formatCount } from '../../format/quantity';
import { selectAuditOrder, useAuditStore } from '../../stores/audit-store';
import { LedgerWindow } from './ledger-window';
import { VirtualTable } from './VirtualTable';

const ROW_HEIGHT = 24;

const COLUMNS = ['Time (IST)', 'Event', 'Symbol', 'Side', 'Type', 'Status →', 'Strategy', 'Client order id'] as const;

function Cells({ row }: { row: AuditEventRow }) {
  return (
    <>
      <span className="num">{formatIstStamp(row.at)}</span>
      <span className="num">{row.eventId}</span>
      <span>{row.tradingsymbol ?? '—'}</span>
      <span className={row.side === 'BUY' ? 'buy' : row.side === 'SELL' ? 'sell' : ''}>{row.side ?? ''}</span>
      <span>{row.eventType}</span>
      <span>{row.statusAfter ?? ''}</span>
      <span>{row.strategyId}</span>
      <code>{row.clientOrderId}</code>
    </>
  );
}

/** Counts the filtered ledger, then pages it into the window as rows come into view. */
function useLedgerWindow(filters: AuditFilters, refreshKey: number) {
  const client = useClient();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [ledger] = useState(
    () => new LedgerWindow<AuditFilters>((query, cursor) => client.call('audit.events', { filters: query, ...cursor }), rerender),
  );
  const key = `${JSON.stringify(filters)}#${refreshKey}`;
  const [counted, setCounted] = useState<{ key: string; error: string | null } | null>(null);

  useEffect(() => {
    let current = true;
    ledger.reset(0, true, filters);
    client.call('audit.count', { filters }).then(
      ({ count, exact }) => {
        if (!current) return;
        ledger.reset(count, exact, filters);
        setCounted({ key, error: null });
        void ledger.ensure(0, 60);
      },
      (error: unknown) => current && setCounted({ key, error: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [client, ledger, filters, key]);

  const mine = counted?.key === key ? counted : null;
  return { ledger, counting: mine === null, error: mine?.error ?? null };
}

export function LedgerTable({ refreshKey }: { refreshKey: number }) {
  const filters = useAuditStore((s) => s.applied);
  const selected = useAuditStore((s) => s.selectedOrderId);
  const { ledger, counting, error } = useLedgerWindow(filters, refreshKey);

  const onRange = useCallback((first: number, last: number) => void ledger.ensure(first, last), [ledger]);
  const renderRow = (index: number) => {
    const row = ledger.row(index);
    if (!row) return <span className="vt-loading">…</span>;
    return (
      <button
        type="button"
        className={`audit-row${row.orderId === selected ? ' selected' : ''}`}
        data-testid="audit-row"
        data-event-id={row.eventId}
        onClick={() => selectAuditOrder(row.orderId === selected ? null : row.orderId)}
      >
        <Cells row={row} />
      </button>
    );
  };

  return (
    <div className="audit-table-wrap">
      <p className="audit-count" data-testid="audit-count">
        {counting ? 'Counting…' : `${ledger.exact ? '' : '≈ '}${formatCount(ledger.total)} events`}
        {error ?? ledger.error ? <span className="pane-error"> {error ?? ledger.error}</span> : null}
      </p>
      <VirtualTable
        label="Ledger events"
        testId="audit-table"
        rowCount={counting ? 0 : ledger.total}
        rowHeight={ROW_HEIGHT}
        renderRow={renderRow}
        onRangeChange={onRange}
        header={
          <div className="audit-row audit-head" role="row">
            {COLUMNS.map((name) => (
              <span key={name} role="columnheader">
                {name}
              </span>
            ))}
          </div>
        }
      />
    </div>
  );
}
