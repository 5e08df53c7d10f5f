import { memo, useState } from 'react';
import type { ChildOrder, Order } from '../../../../src-shared/contract/domains/orders';
import { useClient } from '../../client/client-context';
import { formatIstTime } from '../../format/ist-time';
import { formatRupees } from '../../format/money';
import { formatQuantity } from '../../format/quantity';
import { paiseToInput } from '../ticket/ticket-form';
import { canAmend, statusTone, varietyLabel } from './order-view';
import { ModifyEditor } from './ModifyEditor';
import { cancelOrder } from './order-actions';

export const ORDER_COLUMNS = ['Time', 'Symbol', 'Side', 'Type', 'Prod', 'Qty', 'Price', 'Trigger', 'Avg', 'Status', 'Message', ''] as const;

/** The cells every order and slice shares (one exchange order's worth). */
function OrderCells({ order }: { order: ChildOrder }) {
  const variety = varietyLabel(order);
  return (
    <>
      <td className="num">{formatIstTime(order.createdAt)}</td>
      <td className="sym" title={order.clientOrderId}>
        {order.tradingsymbol}
      </td>
      <td className={`side side-${order.side.toLowerCase()}`}>{order.side}</td>
      <td>
        {order.orderType}
        {variety ? (
          <span className="variety" data-testid="orders-variety" title={order.amo ? 'After-market order' : 'Sent by the broker in equal legs, one after another'}>
            {variety}
          </span>
        ) : null}
      </td>
      <td>{order.product}</td>
      <td className="num" data-testid="orders-qty">
        {formatQuantity(order.filledQuantity)}/{formatQuantity(order.quantity)}
      </td>
      <td className="num">{formatRupees(order.price)}</td>
      <td className="num">{formatRupees(order.triggerPrice)}</td>
      <td className="num">{formatRupees(order.averagePrice)}</td>
      <td>
        <span className={`status status-${statusTone(order.status)}`} data-testid="orders-status">
          {order.status}
        </span>
      </td>
      <td className="msg" data-testid="orders-message" title={order.statusMessage ?? undefined}>
        {order.statusMessage ?? ''}
      </td>
    </>
  );
}

interface OrderRowProps {
  order: Order;
  selected: boolean;
  onSelect(orderId: string): void;
}

/** One order: its row, an inline modify editor when asked, and its slices when expanded. */
export const OrderRow = memo(function OrderRow({ order, selected, onSelect }: OrderRowProps) {
  const client = useClient();
  const [expanded, setExpanded] = useState(false);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const amendable = canAmend(order.status, order.done);
  const sliced = order.children.length > 0;

  const cancel = async () => {
    setBusy(true);
    setError(await cancelOrder(client, order.orderId));
    setBusy(false);
  };

  return (
    <>
      <tr
        className={`orders-row${selected ? ' selected' : ''}`}
        data-testid="orders-row"
        data-order-id={order.orderId}
        data-status={order.status}
        data-symbol={order.tradingsymbol}
        data-side={order.side}
        aria-selected={selected}
        onClick={() => onSelect(order.orderId)}
      >
        <OrderCells order={order} />
        <td className="actions" onClick={(event) => event.stopPropagation()}>
          {sliced ? (
            <button type="button" className="mini" data-testid="order-expand" aria-expanded={expanded} onClick={() => setExpanded((e) => !e)}>
              {expanded ? '▾' : '▸'} {order.children.length}
            </button>
          ) : null}
          {amendable ? (
            <>
              <button type="button" className="mini" data-testid="order-modify" disabled={busy} onClick={() => setEditing((e) => !e)}>
                Modify
              </button>
              <button type="button" className="mini mini-bad" data-testid="order-cancel" disabled={busy} onClick={() => void cancel()}>
                Cancel
              </button>
            </>
          ) : null}
        </td>
      </tr>
      {error ? (
        <tr className="orders-note">
          <td colSpan={ORDER_COLUMNS.length} className="pane-error" role="alert" data-testid="order-action-error">
            {error}
          </td>
        </tr>
      ) : null}
      {editing && amendable ? (
        <ModifyEditor
          order={order}
          initial={{
            quantity: String(order.quantity),
            price: order.price === null ? '' : paiseToInput(order.price),
            trigger: order.triggerPrice === null ? '' : paiseToInput(order.triggerPrice),
          }}
          colSpan={ORDER_COLUMNS.length}
          onDone={() => setEditing(false)}
        />
      ) : null}
      {expanded
        ? order.children.map((child) => (
            <tr key={child.orderId} className="orders-child" data-testid="orders-child-row" data-status={child.status}>
              <OrderCells order={child} />
              <td />
            </tr>
          ))
        : null}
    </>
  );
});
