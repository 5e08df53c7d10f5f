import { useCallback, useMemo, useState } from 'react';
import { ordersOf, selectOrder, useOrdersStore } from '../../stores/orders-store';
import { toggleTicketSide } from '../../stores/ticket-store';
import { useTradesStore } from '../../stores/trades-store';
import { selectedToken } from '../ticket/TicketHost';
import { TradeBook } from '../trades/TradeBook';
import { Pane } from '../workspace/Pane';
import { OrdersTable } from './OrdersTable';
import { OrderTimeline } from './OrderTimeline';
import './orders.css';

type Tab = 'open' | 'done' | 'trades';

/** Open and finished orders, the trade book, and the selected order's ledger timeline. */
export function OrdersPane() {
  const [tab, setTab] = useState<Tab>('open');
  const orders = useOrdersStore((s) => s.orders);
  const loaded = useOrdersStore((s) => s.loaded);
  const error = useOrdersStore((s) => s.error);
  const selectedId = useOrdersStore((s) => s.selectedId);
  const tradeCount = useTradesStore((s) => s.fills.length);
  const open = useMemo(() => ordersOf(orders, 'open'), [orders]);
  const done = useMemo(() => ordersOf(orders, 'done'), [orders]);
  const onSelect = useCallback((orderId: string) => selectOrder(useOrdersStore.getState().selectedId === orderId ? null : orderId), []);

  const tabs: ReadonlyArray<[Tab, string]> = [
    ['open', `Open ${open.length}`],
    ['done', `Done ${done.length}`],
    ['trades', `Trades ${tradeCount}`],
  ];
  return (
    <Pane title="Orders" area="orders" testId="pane-orders">
      <div className="orders-pane">
        <div className="orders-bar">
          <div className="orders-tabs" role="tablist" aria-label="Order views">
            {tabs.map(([id, label]) => (
              <button key={id} type="button" role="tab" aria-selected={tab === id} className={`orders-tab${tab === id ? ' active' : ''}`} data-testid={`orders-tab-${id}`} onClick={() => setTab(id)}>
                {label}
              </button>
            ))}
          </div>
          <button type="button" className="mini mini-buy" data-testid="orders-buy" title="New buy order (F1)" onClick={() => toggleTicketSide('BUY', selectedToken())}>
            Buy F1
          </button>
          <button type="button" className="mini mini-sell" data-testid="orders-sell" title="New sell order (F2)" onClick={() => toggleTicketSide('SELL', selectedToken())}>
            Sell F2
          </button>
        </div>
        {error ? <p className="pane-error">{error}</p> : null}
        <div className="orders-scroll" role="tabpanel">
          {tab === 'trades' ? (
            <TradeBook />
          ) : !loaded && !error ? (
            <p className="pane-note">Loading orders…</p>
          ) : (
            <OrdersTable
              orders={tab === 'open' ? open : done}
              selectedId={selectedId}
              onSelect={onSelect}
              empty={tab === 'open' ? 'No open orders. F1 buys, F2 sells.' : 'No finished orders yet.'}
            />
          )}
        </div>
        {selectedId && tab !== 'trades' ? <OrderTimeline key={selectedId} orderId={selectedId} /> : null}
      </div>
    </Pane>
  );
}
