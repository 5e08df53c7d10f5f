import type pg from 'pg';
import type { Fill, Order, OrderEventWire, OrderPreview, PlaceResult, Position, RiskLimits, RiskState } from '../../../src-shared/contract/domains/orders';
import { ContractError } from '../../../src-shared/contract/errors';
import { istDayOf, istDayStartUtc } from '../../../src-shared/market/ist-calendar';
import type { OrderIntent, OrderModification } from '../../../src-shared/orders/order-types';
import type { Broker, BrokerUpdate } from '../broker-port';
import type { QuoteSource } from '../quote-source';
import type { Logger } from '../../log';
import type { BrokeragePlan } from '../charges/brokerage';
import { OrderLedger } from '../ledger/ledger-writer';
import { assess, openOrderCount, preview } from './assess';
import { Plan } from './broker-sync';
import type { OmsContext, OmsEmit } from './context';
import { cancelOne, cancelOrder, modifyOrder } from './order-actions';
import { getOrder, listOrders, listTrades } from './order-queries';
import { writeOrderEvents } from './order-writer';
import { placeOrder, type PlaceHooks } from './place-flow';
import { PositionBook, positionToWire } from './position-book';
import { reconcileAll, reconcileOne, type ReconcileOutcome } from './reconcile';
import { RiskControl } from './risk-control';
import { RiskMonitor } from './risk-monitor';
import { DisposableStore } from '../../util/disposable-store';
import { KeyedSerial, SerialQueue } from '../../util/serial';
import { DEFAULT_SQUARE_OFF, SquareOffTimer, squareOffIntents, type SquareOffSettings } from './square-off';

export interface OmsOptions {
  /** The database's pool, asked for at start() (the pool exists only once the database runs). */
  pool: () => pg.Pool;
  quotes: QuoteSource;
  log: Logger;
  /** The broker adapter, built on the running database's pool (core.ts: brokers/selection chooses it). */
  broker: (pool: pg.Pool) => Broker;
  emit?: OmsEmit;
  clock?: () => number;
  brokerage?: BrokeragePlan;
  squareOff?: SquareOffSettings;
  /** How long after a lost broker answer to ask the broker (default 2 s). */
  reconcileDelayMs?: number;
  /** How often live P&L is pushed and the daily loss limit checked (default 500 ms). */
  markIntervalMs?: number;
}

/**
 * The order management system: the composition of the ledger, the flows and the broker.
 * Started after the database (it reads risk settings, positions and open orders, then
 * reconciles in-flight orders with the broker before taking new ones).
 */
export class Oms {
  readonly #options: OmsOptions;
  #ctx: OmsContext | null = null;
  readonly #intentLock = new KeyedSerial();
  readonly #killQueue = new SerialQueue();
  readonly #cancelAfterAck = new Set<string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #subscriptions = new DisposableStore();
  #monitor: RiskMonitor | null = null;
  #squareOff: SquareOffTimer | null = null;
  #lastReconcile: ReconcileOutcome[] = [];

  constructor(options: OmsOptions) {
    this.#options = options;
  }

  async start(): Promise<void> {
    const o = this.#options;
    const pool = o.pool();
    const clock = o.clock ?? Date.now;
    const log = o.log;
    const broker = o.broker(pool);
    const ctx: OmsContext = {
      pool, broker, quotes: o.quotes, log, clock, brokerage: o.brokerage,
      ledger: new OrderLedger(pool, clock),
      positions: await PositionBook.load(pool, istDayOf(clock())),
      risk: await RiskControl.load(pool),
      emit: o.emit ?? (() => {}),
      orderLock: new KeyedSerial(),
      positionsLock: new SerialQueue(),
    };
    await broker.start();
    await this.#warm(ctx);
    this.#ctx = ctx;
    this.#subscriptions.add(broker.onUpdate((update) => this.#onUpdate(update)));
    this.#lastReconcile = await reconcileAll(ctx);
    this.#monitor = new RiskMonitor(ctx, o.markIntervalMs ?? 500, (reason) => this.engageKillSwitch(reason, 'system'));
    this.#subscriptions.add(this.#monitor.start());
    this.#squareOff = new SquareOffTimer(o.squareOff ?? DEFAULT_SQUARE_OFF, async (day) => {
      await this.squareOffMis(day);
    }, clock, log);
    this.#squareOff.start();
  }

  async stop(): Promise<void> {
    const ctx = this.#ctx;
    if (!ctx) return;
    this.#subscriptions.dispose();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await this.#squareOff?.stop();
    await this.#intentLock.idle();
    await ctx.orderLock.idle();
    await ctx.broker.stop();
    this.#ctx = null;
  }

  /**
   * Resolves once nothing is in flight: queued places, broker work (the paper broker's
   * matching passes) and the ledger writes they cause. For tests and orderly shutdown.
   */
  async idle(): Promise<void> {
    const ctx = this.#need();
    for (let round = 0; round < 3; round += 1) {
      await this.#intentLock.idle();
      await ctx.broker.idle?.();
      await ctx.orderLock.idle();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** What start-up reconciliation did (diagnostics, tests). */
  get lastReconciliation(): readonly ReconcileOutcome[] {
    return this.#lastReconcile;
  }

  get broker(): Broker {
    return this.#need().broker;
  }

  place(intent: OrderIntent): Promise<PlaceResult> {
    const ctx = this.#need();
    return this.#intentLock.run(intent.clientOrderId, () => placeOrder(ctx, this.#placeHooks, intent));
  }

  preview(intent: OrderIntent): OrderPreview {
    return preview(this.#need(), intent);
  }

  modify(orderId: string, changes: OrderModification): Promise<Order> {
    return modifyOrder(this.#need(), this.#actionHooks, orderId, changes);
  }

  cancel(orderId: string): Promise<Order> {
    return cancelOrder(this.#need(), this.#actionHooks, orderId, null);
  }

  list(scope: 'open' | 'done' | 'all', limit: number): Promise<Order[]> {
    return listOrders(this.#need(), scope, limit);
  }

  get(orderId: string): Promise<{ order: Order; events: OrderEventWire[] }> {
    return getOrder(this.#need(), orderId);
  }

  trades(limit: number): Promise<Fill[]> {
    return listTrades(this.#need(), limit);
  }

  positions(): Position[] {
    const ctx = this.#need();
    ctx.positions.rollTo(istDayOf(ctx.clock()));
    return ctx.positions.entries().map((e) => positionToWire(e, ctx.quotes.latestQuote(e.position.token), ctx.positions.day));
  }

  riskState(): RiskState {
    const ctx = this.#need();
    return ctx.risk.state(ctx.positions.dayPnl((t) => ctx.quotes.latestQuote(t)), openOrderCount(ctx));
  }

  async updateRisk(changes: Partial<RiskLimits>, actor = 'trader'): Promise<RiskState> {
    const ctx = this.#need();
    await this.#killQueue.run(() => ctx.risk.updateLimits(ctx.pool, changes, actor));
    return this.#pushRisk();
  }

  /** Engages: records it, blocks new orders, cancels every open order. Idempotent. */
  async engageKillSwitch(reason: string, actor: string): Promise<RiskState> {
    const ctx = this.#need();
    const changed = await this.#killQueue.run(() =>
      ctx.risk.setKillSwitch(ctx.pool, true, reason, actor, { dayPnl: this.riskState().dayPnl }));
    if (changed) {
      ctx.log.warn('kill switch engaged', { reason, actor });
      ctx.emit('notify', { level: 'warning', title: 'Kill switch engaged', message: reason, orderId: null });
    }
    const open = [...ctx.ledger.cachedRecords()].filter((r) => r.projection.status !== 'FILLED' && r.projection.status !== 'CANCELLED' && r.projection.status !== 'REJECTED');
    await Promise.all(open.map((r) => ctx.orderLock.run(r.projection.clientOrderId, () =>
      cancelOne(ctx, this.#actionHooks, r.projection.clientOrderId, `Kill switch: ${reason}`))));
    return this.#pushRisk();
  }

  async resetKillSwitch(actor: string): Promise<RiskState> {
    const ctx = this.#need();
    if (await this.#killQueue.run(() => ctx.risk.setKillSwitch(ctx.pool, false, null, actor, {}))) {
      ctx.emit('notify', { level: 'info', title: 'Kill switch reset', message: 'New orders are allowed again.', orderId: null });
    }
    return this.#pushRisk();
  }

  /** Cancels working MIS orders, then closes every MIS position at market (normal order path). */
  async squareOffMis(day: string): Promise<PlaceResult[]> {
    const ctx = this.#need();
    const working = [...ctx.ledger.cachedRecords()].filter((r) => r.projection.product === 'MIS' && !['FILLED', 'CANCELLED', 'REJECTED'].includes(r.projection.status));
    await Promise.all(working.map((r) => ctx.orderLock.run(r.projection.clientOrderId, () =>
      cancelOne(ctx, this.#actionHooks, r.projection.clientOrderId, 'MIS square-off'))));
    const results: PlaceResult[] = [];
    for (const intent of squareOffIntents(ctx.positions.entries(), day)) results.push(await this.place(intent));
    ctx.log.info('MIS square-off', { day, orders: results.length });
    return results;
  }

  /** The verdict without placing (exposed for the ticket's live checks). */
  assess(intent: OrderIntent) {
    const ctx = this.#need();
    return assess(ctx, intent, ctx.clock());
  }

  #pushRisk(): RiskState {
    const state = this.riskState();
    this.#need().emit('risk.changed', state);
    return state;
  }

  readonly #placeHooks: PlaceHooks = {
    afterAck: (record) => {
      const id = record.projection.clientOrderId;
      const wanted = this.#cancelAfterAck.delete(id) || this.#need().risk.engaged;
      if (!wanted || record.projection.brokerOrderId === null) return;
      const ctx = this.#need();
      void ctx.orderLock.run(id, () => cancelOne(ctx, this.#actionHooks, id, 'Cancelled on acknowledgement'))
        .catch((error: unknown) => ctx.log.error('cancel after acknowledgement failed', { id, error: (error as Error).message }));
    },
    outcomeUnknown: (id) => this.#reconcileLater(id),
    engageKillSwitch: async (reason) => {
      await this.engageKillSwitch(reason, 'system');
    },
  };

  readonly #actionHooks = {
    outcomeUnknown: (id: string) => this.#reconcileLater(id),
    cancelAfterAck: (id: string) => {
      this.#cancelAfterAck.add(id);
    },
  };

  #reconcileLater(clientOrderId: string): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      const ctx = this.#ctx;
      if (!ctx) return;
      void ctx.orderLock.run(clientOrderId, () => reconcileOne(ctx, clientOrderId))
        .catch((error: unknown) => ctx.log.error('reconciliation failed', { clientOrderId, error: (error as Error).message }));
    }, this.#options.reconcileDelayMs ?? 2000);
    timer.unref();
    this.#timers.add(timer);
  }

  #onUpdate(update: BrokerUpdate): void {
    const ctx = this.#ctx;
    if (!ctx) return;
    void ctx.orderLock.run(update.clientOrderId, async () => {
      const record = await ctx.ledger.record(update.clientOrderId);
      if (!record) {
        ctx.log.warn('broker update for an order the ledger does not have', { update });
        return;
      }
      const plan = new Plan(record);
      plan.syncUpdate(update);
      if (plan.skipped.length > 0) ctx.log.warn('broker update: events the order could not take', { update, skipped: plan.skipped });
      if (plan.payloads.length > 0) await writeOrderEvents(ctx, update.clientOrderId, plan.payloads);
    }).catch((error: unknown) => ctx.log.error('recording a broker update failed', { update, error: (error as Error).message }));
  }

  /** Open orders, today's orders, and every slice of any of those, into the ledger cache. */
  async #warm(ctx: OmsContext): Promise<void> {
    const { rows } = await ctx.pool.query<{ order_id: string }>(
      `WITH wanted AS (
         SELECT order_id, parent_order_id FROM orders
         WHERE status NOT IN ('FILLED', 'CANCELLED', 'REJECTED') OR created_at >= $1)
       SELECT order_id FROM wanted
       UNION SELECT o.order_id FROM orders o JOIN wanted w ON o.parent_order_id = w.parent_order_id`,
      [new Date(istDayStartUtc(istDayOf(ctx.clock())))],
    );
    await ctx.ledger.warm(rows.map((r) => r.order_id));
  }

  #need(): OmsContext {
    if (!this.#ctx) throw new ContractError('UNAVAILABLE', 'The order system is not running yet.');
    return this.#ctx;
  }
}
