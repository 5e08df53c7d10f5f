import { useEffect, useState } from 'react';
import type { MethodResult } from '../../../../src-shared/contract';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { formatIstDateTime } from '../../format/ist-time';
import { selectAuditOrder } from '../../stores/audit-store';
import { JsonView } from './JsonView';

type Timeline = MethodResult<'audit.timeline'>;

/** One order's ledger, oldest first: each request and response as foldable JSON, with its chain hash. */
export function AuditTimeline({ orderId }: { orderId: string }) {
  const client = useClient();
  const [state, setState] = useState<{ orderId: string; timeline: Timeline | null; error: string | null } | null>(null);

  useEffect(() => {
    let current = true;
    client.call('audit.timeline', { orderId }).then(
      (timeline) => current && setState({ orderId, timeline, error: null }),
      (error: unknown) => current && setState({ orderId, timeline: null, error: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [client, orderId]);

  const shown = state?.orderId === orderId ? state : null;
  const t = shown?.timeline;
  return (
    <section className="audit-timeline" data-testid="audit-timeline" aria-label="Order timeline">
      <header className="audit-timeline-head">
        <span>
          {t ? `${t.side ?? ''} ${t.tradingsymbol ?? ''} · ${t.status ?? 'no projection'} · ` : ''}
          <code>{t?.clientOrderId ?? orderId}</code>
        </span>
        <button type="button" className="mini" aria-label="Close the timeline" onClick={() => selectAuditOrder(null)}>
          ×
        </button>
      </header>
      {!shown ? <p className="pane-note">Reading the ledger…</p> : null}
      {shown?.error ? <p className="pane-error">{shown.error}</p> : null}
      <ol className="audit-timeline-list">
        {t?.events.map((event) => (
          <li key={event.eventId} className="audit-timeline-event" data-testid="audit-timeline-event" data-type={event.eventType}>
            <details open={event.eventType.startsWith('REQUEST') || event.eventType.startsWith('RESPONSE') || t.events.length <= 4}>
              <summary>
                <span className="num">{formatIstDateTime(event.at)}</span> <b>{event.eventType}</b>
                {event.statusAfter ? <span className="audit-status"> → {event.statusAfter}</span> : null}
                <span className="audit-seq"> #{event.seq} · event {event.eventId}</span>
                {event.hash ? <code className="audit-hash" title={`SHA-256 chain link ${event.hash}`}>{event.hash.slice(0, 12)}…</code> : null}
              </summary>
              <JsonView value={event.payload} testId="audit-json" />
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
