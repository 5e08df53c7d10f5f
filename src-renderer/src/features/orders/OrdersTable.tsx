import type { Order } from '../../../../src-shared/contract/domains/orders';
import { ORDER_COLUMNS, OrderRow } from './OrderRow';

interface OrdersTableProps {
  orders: readonly Order[];
  selectedId: string | null;
  onSelect(orderId: string): void;
  empty: string;
}

/** Orders newest first; a sliced parent is one row that expands to its slices. */
export function OrdersTable({ orders, selectedId, onSelect, empty }: OrdersTableProps) {
  if (orders.length === 0) {
    return (
      <p className="pane-note" data-testid="orders-empty">
        {empty}
      </p>
    );
  }
  return (
    <table className="grid-table orders-table" data-testid="orders-table">
      <thead>
        <tr>
          {ORDER_COLUMNS.map((column, index) => (
            <th key={index} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <OrderRow key={order.orderId} order={order} selected={order.orderId === selectedId} onSelect={onSelect} />
        ))}
      </tbody>
    </table>
  );
}
