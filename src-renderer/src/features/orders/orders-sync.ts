import type { TickdeskClient } from '../../../../src-shared/contract/client';
import { errorMessage } from '../../format/error-message';
import { pushToast } from '../../stores/notifications-store';
import { applyOrders, applyOrdersSnapshot, useOrdersStore } from '../../stores/orders-store';
import { applyPositions, applyPositionsSnapshot, positionKey, usePositionsStore } from '../../stores/positions-store';
import { setRiskState, useRiskStore } from '../../stores/risk-store';
import { applyFills, applyFillsSnapshot, useTradesStore } from '../../stores/trades-store';

export interface OpenWatch {
  isOpen(): boolean;
  /** Called on every change of the open state. */
  onChange(listener: (open: boolean) => void): () => void;
}

export const ORDERS_SNAPSHOT_LIMIT = 500;
/**
 * A failed read is tried again this often while the link is open: right after
 * start-up the page connects before the order system is up ("not running yet"),
 * and nothing is pushed to say it came up.
 */
export const RETRY_MS = 2_000;
export const TRADES_SNAPSHOT_LIMIT = 1000;

/**
 * Feeds the order-side stores: every pushed event as it comes, and on each
 * (re)connection a fresh snapshot of orders, trades, positions and risk
 * (events are not replayed after a reconnect). Snapshots merge with what the
 * pushes already brought, so a slow read never rolls a row back.
 */
export function startOrdersSync(client: TickdeskClient, connection: OpenWatch, retryMs = RETRY_MS): () => void {
  let stopped = false;
  const retries = new Set<ReturnType<typeof setTimeout>>();
  /** Runs a read; if it failed, runs it again later (once per failure, while connected). */
  const settle = (read: () => Promise<boolean>) => async (): Promise<void> => {
    if (stopped || (await read()) || stopped || !connection.isOpen()) return;
    const timer = setTimeout(() => {
      retries.delete(timer);
      void settle(read)();
    }, retryMs);
    retries.add(timer);
  };
  let riskEvents = 0;
  /** Position rows pushed while a positions.list is on its way (null when none is). */
  let pushedDuringRead: Set<string> | null = null;

  const offs = [
    client.on('orders.changed', applyOrders),
    client.on('trades.new', applyFills),
    client.on('positions.changed', (positions) => {
      if (pushedDuringRead) for (const position of positions) pushedDuringRead.add(positionKey(position));
      applyPositions(positions);
    }),
    client.on('risk.changed', (state) => {
      riskEvents += 1;
      setRiskState(state);
    }),
    client.on('notify', (notify) => {
      pushToast(notify);
    }),
  ];

  async function readOrders(): Promise<boolean> {
    try {
      const orders = await client.call('orders.list', { scope: 'all', limit: ORDERS_SNAPSHOT_LIMIT });
      if (!stopped) applyOrdersSnapshot(orders);
      return true;
    } catch (error) {
      if (!stopped) useOrdersStore.setState({ error: errorMessage(error) });
      return false;
    }
  }

  async function readTrades(): Promise<boolean> {
    try {
      const fills = await client.call('trades.list', { limit: TRADES_SNAPSHOT_LIMIT });
      if (!stopped) applyFillsSnapshot(fills);
      return true;
    } catch (error) {
      if (!stopped) useTradesStore.setState({ error: errorMessage(error) });
      return false;
    }
  }

  async function readPositions(): Promise<boolean> {
    const pushed = new Set<string>();
    pushedDuringRead = pushed;
    try {
      const positions = await client.call('positions.list', {});
      if (!stopped) applyPositionsSnapshot(positions, pushed);
      return true;
    } catch (error) {
      if (!stopped) usePositionsStore.setState({ error: errorMessage(error) });
      return false;
    } finally {
      if (pushedDuringRead === pushed) pushedDuringRead = null;
    }
  }

  async function readRisk(): Promise<boolean> {
    const before = riskEvents;
    try {
      const state = await client.call('risk.get', {});
      if (!stopped && riskEvents === before) setRiskState(state);
      return true;
    } catch (error) {
      if (!stopped) useRiskStore.setState({ error: errorMessage(error) });
      return false;
    }
  }

  const reads = [readOrders, readTrades, readPositions, readRisk].map(settle);
  const reload = () => Promise.all(reads.map((read) => read()));

  const offConnection = connection.onChange((open) => {
    if (open) void reload();
  });
  if (connection.isOpen()) void reload();

  return () => {
    stopped = true;
    for (const timer of retries) clearTimeout(timer);
    for (const off of offs) off();
    offConnection();
  };
}
