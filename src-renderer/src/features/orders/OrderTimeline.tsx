import { useEffect, useState } from 'react';
import type { Order, OrderEventWire } from '../../../../src-shared/contract/domains/orders';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { formatIstDateTime, formatIstTime } from '../../format/ist-time';
import { formatQuantity } from '../../format/quantity';
import { selectOrder, useOrdersStore } from '../../stores/orders-store';

interface Timeline {
  /** Which order and which version of it (updatedAt) these events were read for. */
  key: string;
  events: OrderEventWire[];
  error: string | null;
}

/** "slice 2 " for a child's event (ids end in ".2"), nothing for the parent's. */
function sliceLabel(clientOrderId: string): string {
  const dot = clientOrderId.lastIndexOf('.');
  return dot === -1 ? '' : `slice ${clientOrderId.slice(dot + 1)} `;
}

/** The selected order's ledger: every request and response, verbatim, as formatted JSON. */
export function OrderTimeline({ orderId }: { orderId: string }) {
  const client = useClient();
  const order: Order | undefined = useOrdersStore((s) => s.orders[orderId]);
  const version = `${orderId}@${order?.updatedAt ?? 0}`;
  const [timeline, setTimeline] = useState<Timeline | null>(null);

  // Re-read whenever the order changes: a fill or a cancel appends events.
  useEffect(() => {
    let current = true;
    client.call('orders.get', { orderId }).then(
      ({ events }) => {
        if (current) setTimeline({ key: version, events, error: null });
      },
      (error: unknown) => {
        if (current) setTimeline({ key: version, events: [], error: errorMessage(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [client, orderId, version]);

  const shown = timeline && timeline.key.startsWith(`${orderId}@`) ? timeline : null;
  return (
    <section className="timeline" data-testid="order-timeline" aria-label="Order timeline">
      <header className="timeline-head">
        <span>
          Timeline {order ? `· ${order.side} ${formatQuantity(order.quantity)} ${order.tradingsymbol}` : ''} <code>{order?.clientOrderId ?? orderId}</code>
        </span>
        <button type="button" className="mini" aria-label="Close the timeline" onClick={() => selectOrder(null)}>
          ×
        </button>
      </header>
      {!shown ? <p className="pane-note">Reading the ledger…</p> : null}
      {shown?.error ? <p className="pane-error">{shown.error}</p> : null}
      {shown && !shown.error && shown.events.length === 0 ? <p className="pane-note">No events recorded.</p> : null}
      <ol className="timeline-list">
        {shown?.events.map((event) => (
          <li key={event.eventId} className="timeline-event" data-testid="order-event" data-type={event.type}>
            <div className="timeline-line">
              <span className="num" title={formatIstDateTime(event.at)}>
                {formatIstTime(event.at)}
              </span>
              <b>{event.type}</b>
              {event.statusAfter ? <span className="timeline-status">→ {event.statusAfter}</span> : null}
              <span className="timeline-seq" title={event.clientOrderId}>
                {sliceLabel(event.clientOrderId)}#{event.seq}
              </span>
            </div>
            <pre className="timeline-json">{JSON.stringify(event.payload, null, 2)}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}
