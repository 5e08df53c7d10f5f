import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Position } from '../../../../src-shared/contract/domains/orders';
import { useNotificationsStore } from '../../stores/notifications-store';
import { ordersOf, useOrdersStore } from '../../stores/orders-store';
import { usePositionsStore } from '../../stores/positions-store';
import { useRiskStore } from '../../stores/risk-store';
import { useTradesStore } from '../../stores/trades-store';
import { startOrdersSync, type OpenWatch } from './orders-sync';
import { fakeClient, fill, order, position, riskState, type FakeClient } from './test-fakes';

/** A promise the test settles by hand, to let events overtake a read. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function watch(open: boolean): OpenWatch & { set(open: boolean): void } {
  let listener: ((open: boolean) => void) | null = null;
  let state = open;
  return {
    isOpen: () => state,
    onChange: (l) => ((listener = l), () => (listener = null)),
    set(next) {
      state = next;
      listener?.(next);
    },
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
let stop: () => void = () => undefined;

beforeEach(() => {
  useOrdersStore.setState({ orders: {}, loaded: false, error: null, selectedId: null });
  useTradesStore.setState({ fills: [], loaded: false, error: null });
  usePositionsStore.setState({ positions: {}, loaded: false, error: null });
  useRiskStore.setState({ state: null, error: null });
  useNotificationsStore.setState({ toasts: [] });
});
afterEach(() => stop());

describe('orders sync', () => {
  it('never lets a late snapshot roll back what a push already brought', async () => {
    const placedAt = 1_000;
    const open = order({ status: 'OPEN', updatedAt: placedAt });
    const filled = { ...open, status: 'FILLED' as const, done: true, filledQuantity: 10, updatedAt: placedAt + 5 };
    const ordersRead = deferred<ReturnType<typeof order>[]>();
    const positionsRead = deferred<Position[]>();
    const riskRead = deferred<ReturnType<typeof riskState>>();
    const client: FakeClient = fakeClient({
      'orders.list': () => ordersRead.promise,
      'trades.list': () => [fill()],
      'positions.list': () => positionsRead.promise,
      'risk.get': () => riskRead.promise,
    });
    stop = startOrdersSync(client, watch(true));

    client.emit('orders.changed', [filled]);
    client.emit('positions.changed', [position({ ltp: 252_000, unrealisedPnl: 20_000 })]);
    client.emit('risk.changed', riskState({ killSwitch: { engaged: true, reason: 'x', at: 1 } }));
    client.emit('trades.new', [fill()]);
    ordersRead.resolve([open]);
    positionsRead.resolve([position({ ltp: 251_000 }), position({ token: 7, tradingsymbol: 'INFY' })]);
    riskRead.resolve(riskState());
    await flush();

    expect(ordersOf(useOrdersStore.getState().orders, 'done').map((o) => o.status)).toEqual(['FILLED']);
    expect(useOrdersStore.getState().loaded).toBe(true);
    const positions = usePositionsStore.getState().positions;
    expect(Object.values(positions).map((p) => [p.tradingsymbol, p.ltp])).toEqual([
      ['RELIANCE', 252_000],
      ['INFY', 251_050],
    ]);
    expect(useRiskStore.getState().state?.killSwitch.engaged).toBe(true);
    // The same fill from the push and the snapshot is listed once.
    expect(useTradesStore.getState().fills).toHaveLength(1);
  });

  it('turns each notify into a toast and reloads on reconnect', async () => {
    const connection = watch(false);
    const client = fakeClient({ 'orders.list': () => [], 'trades.list': () => [], 'positions.list': () => [], 'risk.get': () => riskState() });
    stop = startOrdersSync(client, connection);
    expect(client.calls).toHaveLength(0);
    client.emit('notify', { level: 'success', title: 'Filled', message: 'BUY 1 RELIANCE', orderId: null });
    expect(useNotificationsStore.getState().toasts.map((t) => t.title)).toEqual(['Filled']);
    connection.set(true);
    await flush();
    expect(client.calls.map((c) => c.method).sort()).toEqual(['orders.list', 'positions.list', 'risk.get', 'trades.list']);
  });

  it('tries a failed read again until the order system is up', async () => {
    let riskCalls = 0;
    const client = fakeClient({
      'orders.list': () => [],
      'trades.list': () => [],
      'positions.list': () => [],
      'risk.get': () => {
        riskCalls += 1;
        if (riskCalls < 3) throw new Error('The order system is not running yet.');
        return riskState();
      },
    });
    stop = startOrdersSync(client, watch(true), 5);
    await flush();
    expect(useRiskStore.getState().error).toBe('The order system is not running yet.');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(riskCalls).toBe(3);
    expect(useRiskStore.getState()).toMatchObject({ error: null, state: { openOrderCount: 2 } });
    // Only the failed read was repeated.
    expect(client.callsOf('orders.list')).toHaveLength(1);
  });

  it('keeps read errors for the panes to show', async () => {
    const fail = () => {
      throw new Error('Database unavailable');
    };
    const client = fakeClient({ 'orders.list': fail, 'trades.list': fail, 'positions.list': fail, 'risk.get': fail });
    stop = startOrdersSync(client, watch(true));
    await flush();
    expect(useOrdersStore.getState().error).toBe('Database unavailable');
    expect(usePositionsStore.getState().error).toBe('Database unavailable');
    expect(useRiskStore.getState().error).toBe('Database unavailable');
  });
});
