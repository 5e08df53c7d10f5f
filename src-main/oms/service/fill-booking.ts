import type { Fill } from '../../../src-shared/contract/domains/orders';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { istDayOf } from '../../../src-shared/market/ist-calendar';
import { paiseToRupeesString, type Paise } from '../../../src-shared/money';
import type { BrokeragePlan } from '../charges/brokerage';
import { computeOrderCharges, subtractCharges, ZERO_CHARGES, type ChargeBreakdown } from '../charges/compute-charges';
import { addCharges, fillsByLeg } from '../charges/iceberg-legs';
import { chargeSegment } from '../charges/segment';
import type { Attachment, ProbedEvent, StatementParts } from '../ledger/ledger-writer';
import type { OrderRecord } from '../ledger/ledger-types';
import { positionsUpsertSql, type PositionStage } from './position-book';

/**
 * The trade book side of FILL events, written by the FILL's own statement (an attachment
 * to the ledger append): one `fills` row per fill with its charges broken down, and the
 * positions it moves (`positions` upserted).
 *
 * Charges are per executed ORDER (₹20 once, STT rounded once), so each fill is booked
 * with charges(all fills so far) − charges(fills before it), at the rates of the
 * order's IST trading day; the rows of an order always add up to what the order costs.
 * An iceberg is as many executed orders as it has legs, so its charges are the sum over
 * its legs (charges/iceberg-legs.ts).
 */

export interface FillBooking {
  attach: (parts: StatementParts, events: readonly ProbedEvent[], before: OrderRecord) => Attachment[];
  /** The booked fills, for trades.new; fill ids set from what the statement returned. */
  fills(attached: Record<string, unknown[]>): Fill[];
}

export interface FillBookingInput {
  instrument: Instrument | undefined;
  plan: BrokeragePlan | undefined;
  stage: PositionStage;
  onChargeProblem: (message: string) => void;
}

const FILL_COLUMNS = [
  'order_id', 'event_id', 'broker', 'broker_trade_id', 'token', 'tradingsymbol', 'exchange', 'side', 'product',
  'quantity', 'price', 'filled_at', 'strategy_id', 'algo_id', 'brokerage', 'stt', 'exchange_txn', 'sebi_fee', 'gst',
  'stamp_duty', 'total_charges',
] as const;

export function fillBooking(input: FillBookingInput): FillBooking {
  const wires: Fill[] = [];
  return {
    attach(parts, events, before) {
      const fillEvents = events.filter((e) => e.payload.type === 'FILL');
      if (fillEvents.length === 0) return [];
      const order = before.projection;
      const meta = before.meta;
      const chargesOf = chargeCalculator(input, before);
      const soFar = [...before.fills];
      const tuples: string[] = [];
      for (const event of fillEvents) {
        if (event.payload.type !== 'FILL') continue;
        const { fillId, quantity, price } = event.payload;
        const previous = chargesOf(soFar);
        soFar.push({ quantity, price });
        const charges = subtractCharges(chargesOf(soFar), previous);
        const values = [
          meta.orderId, null, meta.broker, fillId, order.token, meta.tradingsymbol, meta.exchange, order.side,
          order.product, quantity, paiseToRupeesString(price), new Date(event.at), order.strategyId, order.algoId,
          ...[charges.brokerage, charges.stt, charges.exchangeTxn, charges.sebiFee, charges.gst, charges.stampDuty, charges.total].map(paiseToRupeesString),
        ];
        tuples.push(`(${values.map((v, i) => (i === 1 ? parts.eventIdOf(event.index) : parts.literal(v))).join(', ')})`);
        input.stage.apply({
          token: order.token, product: order.product, strategyId: order.strategyId, side: order.side, quantity, price,
          tradingsymbol: meta.tradingsymbol, exchange: meta.exchange, charges: charges.total,
        });
        wires.push({
          fillId: '', orderId: meta.orderId, clientOrderId: order.clientOrderId, broker: meta.broker, brokerTradeId: fillId,
          token: order.token, tradingsymbol: meta.tradingsymbol, exchange: meta.exchange, side: order.side, product: order.product,
          quantity, price, filledAt: event.at, strategyId: order.strategyId, algoId: order.algoId, charges,
        });
      }
      return [
        {
          name: 'f',
          sql: `INSERT INTO fills (${FILL_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} RETURNING fill_id::text AS fill_id, broker_trade_id`,
          returning: true,
        },
        { name: 'p', sql: positionsUpsertSql(input.stage.changed(), input.stage.day, parts.literal) },
      ];
    },
    fills(attached) {
      const ids = new Map(((attached.f ?? []) as Array<{ fill_id: string; broker_trade_id: string }>).map((r) => [r.broker_trade_id, r.fill_id]));
      for (const wire of wires) wire.fillId = ids.get(wire.brokerTradeId) ?? '';
      return wires;
    },
  };
}

function chargeCalculator(input: FillBookingInput, before: OrderRecord): (fills: ReadonlyArray<{ quantity: number; price: Paise }>) => ChargeBreakdown {
  const order = before.projection;
  if (!input.instrument) {
    input.onChargeProblem(`No instrument for token ${order.token}: fills of ${order.clientOrderId} booked without charges`);
    return () => ZERO_CHARGES;
  }
  let segment;
  try {
    segment = chargeSegment(input.instrument.instrumentType, order.product);
  } catch (error) {
    input.onChargeProblem(`${(error as Error).message}: fills of ${order.clientOrderId} booked without charges`);
    return () => ZERO_CHARGES;
  }
  const tradeDate = istDayOf(order.createdAt);
  const charge = (fills: ReadonlyArray<{ quantity: number; price: Paise }>) => computeOrderCharges({ segment, side: order.side, tradeDate, plan: input.plan, fills });
  if (order.icebergLegs === null) return charge;
  const legQuantity = order.quantity / order.icebergLegs;
  return (fills) => fillsByLeg(fills, legQuantity).reduce((sum, leg) => addCharges(sum, charge(leg)), ZERO_CHARGES);
}
