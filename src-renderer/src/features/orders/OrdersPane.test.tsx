// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../../src-shared/contract/domains/orders';
import { ClientProvider } from '../../client/client-context';
import { applyOrdersSnapshot, useOrdersStore } from '../../stores/orders-store';
import { applyFillsSnapshot, useTradesStore } from '../../stores/trades-store';
import { OrdersPane } from './OrdersPane';
import { fakeClient, fill, order, type FakeClient, type Handlers } from './test-fakes';

let client: FakeClient;

function renderPane(orders: Order[], handlers: Handlers = {}) {
  applyOrdersSnapshot(orders);
  client = fakeClient(handlers);
  render(
    <ClientProvider client={client}>
      <OrdersPane />
    </ClientProvider>,
  );
}

const rows = () => screen.queryAllByTestId('orders-row');
const cellsOf = (row: HTMLElement) => Array.from(row.querySelectorAll('td')).map((td) => td.textContent);

beforeEach(() => {
  useOrdersStore.setState({ orders: {}, loaded: false, error: null, selectedId: null });
  useTradesStore.setState({ fills: [], loaded: false, error: null });
});
afterEach(cleanup);

describe('orders pane', () => {
  it('splits open and done orders and shows each column in IST and rupees', () => {
    const working = order({ tradingsymbol: 'INFY', side: 'SELL', orderType: 'SL', price: 150_000, triggerPrice: 150_500, quantity: 20, filledQuantity: 5, averagePrice: 150_010, status: 'PARTIALLY_FILLED' });
    const rejected = order({ status: 'REJECTED', done: true, statusMessage: 'Price ₹2,500.03 is not a multiple of the tick size ₹0.05.', price: 250_003 });
    renderPane([working, rejected]);

    expect(screen.getByTestId('orders-tab-open').textContent).toBe('Open 1');
    expect(screen.getByTestId('orders-tab-done').textContent).toBe('Done 1');
    expect(rows()).toHaveLength(1);
    const [row] = rows();
    if (!row) throw new Error('no row');
    // 04:00 UTC is 09:30 IST.
    expect(cellsOf(row).slice(0, 11)).toEqual(['09:30:00', 'INFY', 'SELL', 'SL', 'CNC', '5/20', '1,500.00', '1,505.00', '1,500.10', 'PARTIALLY_FILLED', '']);
    expect(within(row).getByTestId('orders-status').className).toContain('status-working');
    expect(within(row).getByTestId('order-cancel')).toBeTruthy();

    fireEvent.click(screen.getByTestId('orders-tab-done'));
    const [done] = rows();
    if (!done) throw new Error('no done row');
    expect(done.dataset.status).toBe('REJECTED');
    expect(within(done).getByTestId('orders-status').className).toContain('status-rejected');
    expect(within(done).getByTestId('orders-message').textContent).toContain('tick size');
    // A finished order offers neither modify nor cancel.
    expect(within(done).queryByTestId('order-cancel')).toBeNull();
    expect(within(done).queryByTestId('order-modify')).toBeNull();
  });

  it('expands a sliced parent into its children', () => {
    const parent = order({ quantity: 3510, tradingsymbol: 'NIFTY26DECFUT', product: 'NRML' });
    const child = (n: number) => {
      const { children: _children, ...fields } = order({ quantity: 1755, clientOrderId: `${parent.clientOrderId}.${n}`, parentClientOrderId: parent.clientOrderId, status: n === 1 ? 'FILLED' : 'OPEN' });
      return fields;
    };
    renderPane([{ ...parent, children: [child(1), child(2)] }]);
    expect(screen.queryAllByTestId('orders-child-row')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('order-expand'));
    const children = screen.getAllByTestId('orders-child-row');
    expect(children.map((row) => row.dataset.status)).toEqual(['FILLED', 'OPEN']);
  });

  it('marks AMO and iceberg orders in the Type column; a regular order has no mark', () => {
    const amo = order({ tradingsymbol: 'INFY', amo: true });
    const iceberg = order({ tradingsymbol: 'NIFTY26DECFUT', product: 'NRML', quantity: 390, icebergLegs: 3 });
    const regular = order({ tradingsymbol: 'TCS' });
    renderPane([amo, iceberg, regular]);
    const bySymbol = (symbol: string) => rows().find((row) => row.dataset.symbol === symbol) as HTMLElement;
    expect(within(bySymbol('INFY')).getByTestId('orders-variety').textContent).toBe('AMO');
    expect(within(bySymbol('NIFTY26DECFUT')).getByTestId('orders-variety').textContent).toBe('Iceberg ×3');
    expect(cellsOf(bySymbol('NIFTY26DECFUT'))[3]).toBe('LIceberg ×3');
    expect(within(bySymbol('TCS')).queryByTestId('orders-variety')).toBeNull();
  });

  it('cancels an open order and shows the answer', async () => {
    const working = order();
    renderPane([working], { 'orders.cancel': ({ orderId }) => ({ ...working, orderId, status: 'CANCELLED', done: true, updatedAt: working.updatedAt + 1 }) });
    fireEvent.click(screen.getByTestId('order-cancel'));
    await waitFor(() => expect(screen.getByTestId('orders-tab-done').textContent).toBe('Done 1'));
    expect(client.callsOf('orders.cancel')).toEqual([{ orderId: working.orderId }]);
  });

  it('modifies inline, sending only what changed, in paise', async () => {
    const working = order({ quantity: 10, price: 250_000 });
    renderPane([working], { 'orders.modify': (args) => ({ ...working, price: args.price ?? working.price, updatedAt: working.updatedAt + 1 }) });
    fireEvent.click(screen.getByTestId('order-modify'));
    expect((screen.getByTestId('order-modify-price') as HTMLInputElement).value).toBe('2500.00');
    expect((screen.getByTestId('order-modify-trigger') as HTMLInputElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('order-modify-price'), { target: { value: '2499.95' } });
    fireEvent.click(screen.getByTestId('order-modify-save'));
    await waitFor(() => expect(screen.queryByTestId('order-modify-row')).toBeNull());
    expect(client.callsOf('orders.modify')).toEqual([{ orderId: working.orderId, price: 249_995 }]);
  });

  it('refuses an unchanged or malformed modify without calling the core', () => {
    renderPane([order()]);
    fireEvent.click(screen.getByTestId('order-modify'));
    fireEvent.click(screen.getByTestId('order-modify-save'));
    expect(screen.getByTestId('order-modify-error').textContent).toBe('Nothing changed.');
    fireEvent.change(screen.getByTestId('order-modify-quantity'), { target: { value: '2.5' } });
    fireEvent.click(screen.getByTestId('order-modify-save'));
    expect(screen.getByTestId('order-modify-error').textContent).toBe('Quantity must be a whole number.');
    expect(client.callsOf('orders.modify')).toHaveLength(0);
  });

  it('shows a clicked order’s ledger timeline as formatted JSON', async () => {
    const working = order();
    renderPane([working], {
      'orders.get': () => ({
        order: working,
        events: [
          { eventId: 1, clientOrderId: working.clientOrderId, seq: 1, type: 'INTENT', statusAfter: 'PENDING_LOCAL', at: working.createdAt, payload: { quantity: 10 } },
          { eventId: 2, clientOrderId: working.clientOrderId, seq: 2, type: 'BROKER_RESPONSE', statusAfter: 'OPEN', at: working.createdAt + 3, payload: { response: { status: 'OPEN' } } },
        ],
      }),
    });
    fireEvent.click(rows()[0] as HTMLElement);
    const events = await screen.findAllByTestId('order-event');
    expect(events.map((event) => event.dataset.type)).toEqual(['INTENT', 'BROKER_RESPONSE']);
    expect(events[1]?.querySelector('pre')?.textContent).toBe('{\n  "response": {\n    "status": "OPEN"\n  }\n}');
    expect(client.callsOf('orders.get')).toEqual([{ orderId: working.orderId }]);
  });

  it('lists the trade book with a charges breakdown tooltip', () => {
    renderPane([]);
    applyFillsSnapshot([fill()]);
    fireEvent.click(screen.getByTestId('orders-tab-trades'));
    const row = screen.getByTestId('trades-row');
    expect(Array.from(row.querySelectorAll('td')).map((td) => td.textContent)).toEqual(['09:30:01', 'RELIANCE', 'BUY', '10', '2,500.00', '29.69']);
    const tooltip = within(row).getByTestId('trades-charges').title;
    expect(tooltip).toContain('STT/CTT ₹25.00');
    expect(tooltip).toContain('Stamp duty ₹3.75');
    expect(tooltip).toContain('Total ₹29.69');
  });
});
