import { useState } from 'react';
import type { StatementInfo } from '../../../../src-shared/contract/domains/dbadmin';
import { useClient } from '../../client/client-context';
import { formatMs } from '../../format/duration';
import { errorMessage } from '../../format/error-message';
import { formatIsoAsIst } from '../../format/ist-time';
import { formatRatioPct } from '../../format/percent';
import { formatCount } from '../../format/quantity';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TabBar } from './parts';
import { useDbAdmin } from './use-dbadmin';

type Order = 'total' | 'mean' | 'calls';
const ORDERS: Array<[Order, string]> = [
  ['total', 'total time'],
  ['mean', 'mean time'],
  ['calls', 'calls'],
];

/** pg_stat_statements: where the server's time goes. Reset asks first: the history cannot be had back. */
export function StatementsTab() {
  const client = useClient();
  const [orderBy, setOrderBy] = useState<Order>('total');
  const [confirming, setConfirming] = useState(false);
  const [resetError, setResetError] = useState<string | null>(null);
  const { data, error, loading, refresh } = useDbAdmin('dbadmin.statements', { orderBy, limit: 50 });

  const reset = async () => {
    setConfirming(false);
    try {
      await client.call('dbadmin.resetStatements', {});
      setResetError(null);
      await refresh();
    } catch (caught) {
      setResetError(errorMessage(caught));
    }
  };

  return (
    <div data-testid="dbadmin-statements">
      <TabBar loading={loading} error={error ?? resetError} onRefresh={() => void refresh()}>
        <label className="dba-check">
          by{' '}
          <select value={orderBy} onChange={(e) => setOrderBy(e.target.value as Order)} data-testid="statements-order">
            {ORDERS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setConfirming(true)} disabled={!data?.available} data-testid="statements-reset">
          Reset…
        </button>
        {data?.statsReset ? <span className="dba-muted">since {formatIsoAsIst(data.statsReset)}</span> : null}
      </TabBar>
      {confirming ? (
        <ConfirmDialog
          title="Reset the statement statistics?"
          confirmLabel="Clear all statistics"
          cancelLabel="Keep"
          tone="danger"
          onConfirm={() => void reset()}
          onCancel={() => setConfirming(false)}
          testIds={{ dialog: 'statements-reset-dialog', confirm: 'statements-reset-confirm', cancel: 'statements-reset-keep' }}
        >
          <p>
            Every query’s calls, timings and cache figures{data?.statsReset ? ` gathered since ${formatIsoAsIst(data.statsReset)}` : ''} are cleared on the server. They
            cannot be had back.
          </p>
        </ConfirmDialog>
      ) : null}
      {data && !data.available ? <p className="pane-note">{data.reason}</p> : null}
      <div className="dba-scroll">
        <table className="dba-table" data-testid="statements-table">
          <thead>
            <tr>
              <th>Query</th>
              <th className="num">Calls</th>
              <th className="num">Total</th>
              <th className="num">Mean</th>
              <th className="num">Max</th>
              <th className="num">Rows</th>
              <th className="num">Cache</th>
            </tr>
          </thead>
          <tbody>
            {(data?.statements ?? []).map((s: StatementInfo) => (
              <tr key={`${s.queryId}-${s.user ?? ''}`} data-testid="statement-row">
                <td className="dba-query" title={s.query}>
                  {s.query}
                </td>
                <td className="num">{formatCount(s.calls)}</td>
                <td className="num">{formatMs(s.totalMs)}</td>
                <td className="num">{formatMs(s.meanMs)}</td>
                <td className="num">{formatMs(s.maxMs)}</td>
                <td className="num">{formatCount(s.rows)}</td>
                <td className="num">{formatRatioPct(s.cacheHitRatio)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
