import type { FormEvent } from 'react';
import { ledgerEventTypes } from '../../../../src-shared/contract/domains/audit';
import { orderStatusSchema } from '../../../../src-shared/orders/order-types';
import { applyDraft, clearFilters, setDraft, useAuditStore } from '../../stores/audit-store';

/** IST date range, symbol, strategy, order status and event type; applied together with Enter or Apply. */
export function AuditFilterBar({ ledger }: { ledger: boolean }) {
  const draft = useAuditStore((s) => s.draft);
  const draftError = useAuditStore((s) => s.draftError);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    applyDraft();
  };
  return (
    <form className="audit-filters" onSubmit={submit} aria-label="Audit filters">
      <label>
        From <input type="date" value={draft.from} data-testid="audit-from" onChange={(e) => setDraft({ from: e.target.value })} />
      </label>
      <label>
        To <input type="date" value={draft.to} data-testid="audit-to" onChange={(e) => setDraft({ to: e.target.value })} />
      </label>
      <span className="audit-ist" title="Dates are IST trading days; both ends are included.">IST</span>
      {ledger ? (
        <>
          <input
            className="audit-symbol"
            placeholder="Symbol"
            aria-label="Symbol"
            value={draft.symbol}
            data-testid="audit-symbol"
            onChange={(e) => setDraft({ symbol: e.target.value })}
          />
          <input
            className="audit-strategy"
            placeholder="Strategy"
            aria-label="Strategy"
            value={draft.strategy}
            data-testid="audit-strategy"
            onChange={(e) => setDraft({ strategy: e.target.value })}
          />
          <select aria-label="Order status" value={draft.status} data-testid="audit-status" onChange={(e) => setDraft({ status: e.target.value })}>
            <option value="">Any status</option>
            {orderStatusSchema.options.map((status) => (
              <option key={status}>{status}</option>
            ))}
          </select>
          <select aria-label="Event type" value={draft.eventType} data-testid="audit-event-type" onChange={(e) => setDraft({ eventType: e.target.value })}>
            <option value="">Any event</option>
            {ledgerEventTypes.map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </>
      ) : null}
      <button type="submit" className="mini" data-testid="audit-apply">
        Apply
      </button>
      <button type="button" className="mini" data-testid="audit-clear" onClick={clearFilters}>
        Clear
      </button>
      {draftError ? (
        <span className="pane-error audit-draft-error" role="alert" data-testid="audit-filter-error">
          {draftError}
        </span>
      ) : null}
    </form>
  );
}
