import type pg from 'pg';
import type { EventPayload } from '../../../src-shared/contract';
import type { Logger } from '../../log';
import type { Broker } from '../broker-port';
import type { QuoteSource } from '../quote-source';
import type { BrokeragePlan } from '../charges/brokerage';
import type { OrderLedger } from '../ledger/ledger-writer';
import type { PositionBook } from './position-book';
import type { RiskControl } from './risk-control';
import type { KeyedSerial, SerialQueue } from '../../util/serial';

/** The events the OMS pushes (forwarded to the contract's event bus by core.ts). */
export type OmsEventName = 'orders.changed' | 'trades.new' | 'positions.changed' | 'risk.changed' | 'notify';
export type OmsEmit = <E extends OmsEventName>(event: E, payload: EventPayload<E>) => void;

/**
 * The parts of the OMS its flows share (place, modify/cancel, updates, reconciliation,
 * square-off). Built once per start by Oms.start(); no module-level state anywhere.
 */
export interface OmsContext {
  pool: pg.Pool;
  ledger: OrderLedger;
  broker: Broker;
  quotes: QuoteSource;
  positions: PositionBook;
  risk: RiskControl;
  log: Logger;
  /** Epoch ms; tests move it. */
  clock: () => number;
  emit: OmsEmit;
  brokerage: BrokeragePlan | undefined;
  /** Serialises everything that happens to one order (by client order id). */
  orderLock: KeyedSerial;
  /** Held by every transaction that books fills, so position stages never overlap. */
  positionsLock: SerialQueue;
}
