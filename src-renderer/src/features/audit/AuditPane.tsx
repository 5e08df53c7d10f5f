import { useState } from 'react';
import { useAuditStore } from '../../stores/audit-store';
import { AuditFilterBar } from './AuditFilterBar';
import { AuditLogTable } from './AuditLogTable';
import { AuditTimeline } from './AuditTimeline';
import { ExportBar } from './ExportBar';
import { LedgerTable } from './LedgerTable';
import { VerifyChain } from './VerifyChain';
import './audit.css';

/**
 * Audit history: the order ledger (virtualised, filtered, keyset-paged) with
 * an order's timeline, audit_log, the hash-chain check and CSV export. The
 * pane is small in the grid, so it can be maximised over the workspace.
 */
export function AuditPane() {
  const tab = useAuditStore((s) => s.tab);
  const maximised = useAuditStore((s) => s.maximised);
  const selected = useAuditStore((s) => s.selectedOrderId);
  const [refreshKey, setRefreshKey] = useState(0);
  const ledger = tab === 'ledger';

  return (
    <section className={`pane pane-audit${maximised ? ' audit-maximised' : ''}`} data-testid="pane-audit" aria-label="Audit">
      <div className="pane-title audit-title">
        <h2>Audit</h2>
        <div className="audit-tabs" role="tablist" aria-label="Audit views">
          {(['ledger', 'log'] as const).map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              className={`audit-tab${tab === id ? ' active' : ''}`}
              data-testid={`audit-tab-${id}`}
              onClick={() => useAuditStore.setState({ tab: id, selectedOrderId: null })}
            >
              {id === 'ledger' ? 'Ledger' : 'Log'}
            </button>
          ))}
        </div>
        <VerifyChain />
        <button type="button" className="mini" data-testid="audit-refresh" title="Read the ledger again" onClick={() => setRefreshKey((k) => k + 1)}>
          ↻
        </button>
        <button
          type="button"
          className="mini"
          data-testid="audit-maximise"
          aria-pressed={maximised}
          title={maximised ? 'Back to the workspace' : 'Fill the window'}
          onClick={() => useAuditStore.setState({ maximised: !maximised })}
        >
          {maximised ? '⤡' : '⤢'}
        </button>
      </div>
      <div className="pane-body audit-body">
        <AuditFilterBar ledger={ledger} />
        <div className="audit-main">
          {ledger ? <LedgerTable refreshKey={refreshKey} /> : <AuditLogTable refreshKey={refreshKey} />}
          {ledger && selected ? <AuditTimeline key={selected} orderId={selected} /> : null}
        </div>
        {ledger ? <ExportBar /> : null}
      </div>
    </section>
  );
}
