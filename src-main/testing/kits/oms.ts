import type pg from 'pg';
import type { EventName } from '../../../src-shared/contract';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { orderIntentSchema, type OrderIntent, type OrderIntentInput } from '../../../src-shared/orders/order-types';
import type { Broker } from '../../oms/broker-port';
import { FakeQuoteSource } from '../fakes/quote-source';
import { PaperBroker } from '../../brokers/paper/paper-broker';
import { createLogger, silentLogger, type Logger } from '../../log';
import { NIFTY_CE, NIFTY_FUT, RELIANCE } from '../fixtures/instruments';
import { Oms, type OmsOptions } from '../../oms/service/oms';

/**
 * Shared by the OMS tests and the orders benchmark: instruments that have not expired,
 * an Oms on the paper broker over a fake quote source, and a recorder of pushed events.
 */

const FAR_EXPIRY = '2099-12-29';
export const FUT: Instrument = { ...NIFTY_FUT, expiry: FAR_EXPIRY };
export const OPT: Instrument = { ...NIFTY_CE, expiry: FAR_EXPIRY };
export const EQ: Instrument = RELIANCE;
export const TEST_INSTRUMENTS: readonly Instrument[] = [FUT, OPT, EQ];

export interface OmsKit {
  oms: Oms;
  quotes: FakeQuoteSource;
  paper: PaperBroker | null;
  events: Array<{ event: EventName; payload: unknown }>;
  stop(): Promise<void>;
}

export async function startOms(
  pool: pg.Pool,
  options: Partial<OmsOptions> & { quotes?: FakeQuoteSource; wrapBroker?: (paper: PaperBroker) => Broker } = {},
): Promise<OmsKit> {
  const quotes = options.quotes ?? new FakeQuoteSource(TEST_INSTRUMENTS);
  const events: OmsKit['events'] = [];
  let paper: PaperBroker | null = null;
  const oms = new Oms({
    pool: () => pool,
    quotes,
    log: testLog,
    emit: (event, payload) => events.push({ event, payload }),
    squareOff: { at: null, windowEnd: '15:30' },
    markIntervalMs: 5,
    reconcileDelayMs: 50,
    broker: (p) => {
      paper = new PaperBroker({ pool: p, quotes, log: testLog });
      return options.wrapBroker ? options.wrapBroker(paper) : paper;
    },
    ...options,
  });
  await oms.start();
  return { oms, quotes, paper, events, stop: () => oms.stop() };
}

/** TICKDESK_TEST_LOG=1 prints the OMS's warnings and errors while debugging a test. */
const testLog: Logger = process.env.TICKDESK_TEST_LOG ? createLogger({ level: 'warn' }) : silentLogger;

let counter = 0;
/** A parsed intent with a fresh client order id unless one is given. */
export function intent(input: Partial<OrderIntentInput>): OrderIntent {
  counter += 1;
  return orderIntentSchema.parse({
    clientOrderId: `t${Date.now().toString(36)}${counter}`,
    token: FUT.token, side: 'BUY', orderType: 'L', product: 'NRML', validity: 'DAY',
    quantity: FUT.lotSize, price: 2_400_000, triggerPrice: null,
    ...input,
  });
}

/** Lifts the default limits out of the way (tests that are not about risk). */
export async function openLimits(oms: Oms): Promise<void> {
  await oms.updateRisk({ maxOrderValue: null, maxPositionValuePerInstrument: null, maxOpenOrders: null, maxOrdersPerSecond: 1000, dailyLossLimit: null });
}

/** Forwards to a broker, with some calls replaced (spies, simulated crashes). */
export class WrappedBroker implements Broker {
  readonly name: string;
  constructor(
    readonly inner: PaperBroker,
    readonly overrides: Partial<Pick<Broker, 'place' | 'modify' | 'cancel' | 'orderStatus'>>,
  ) {
    this.name = inner.name;
  }

  start(): Promise<void> {
    return this.inner.start();
  }
  stop(): Promise<void> {
    return this.inner.stop();
  }
  idle(): Promise<void> {
    return this.inner.idle();
  }
  encode(call: Parameters<Broker['encode']>[0]): Record<string, unknown> {
    return this.inner.encode(call);
  }
  place(request: Parameters<Broker['place']>[0]): ReturnType<Broker['place']> {
    return this.overrides.place ? this.overrides.place(request) : this.inner.place(request);
  }
  modify(request: Parameters<Broker['modify']>[0]): ReturnType<Broker['modify']> {
    return this.overrides.modify ? this.overrides.modify(request) : this.inner.modify(request);
  }
  cancel(request: Parameters<Broker['cancel']>[0]): ReturnType<Broker['cancel']> {
    return this.overrides.cancel ? this.overrides.cancel(request) : this.inner.cancel(request);
  }
  orderStatus(clientOrderId: string): ReturnType<Broker['orderStatus']> {
    return this.overrides.orderStatus ? this.overrides.orderStatus(clientOrderId) : this.inner.orderStatus(clientOrderId);
  }
  onUpdate(listener: Parameters<Broker['onUpdate']>[0]): () => void {
    return this.inner.onUpdate(listener);
  }
}
