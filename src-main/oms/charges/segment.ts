import type { InstrumentType } from '../../../src-shared/domain/instrument';
import type { Product } from '../../../src-shared/orders/order-types';
import type { ChargeSegment } from './rates';

/**
 * Which charge schedule an order falls under. Cash depends on the product: CNC is
 * delivery, MIS intraday. Caveat for the caller: a CNC buy sold again the same day is
 * taxed as intraday by the exchange; deciding that needs the day's trades, so it is
 * left to whoever reconciles the day, not guessed here.
 */
export function chargeSegment(instrumentType: InstrumentType, product: Product): ChargeSegment {
  switch (instrumentType) {
    case 'EQ':
      if (product === 'CNC') return 'EQ_DELIVERY';
      if (product === 'MIS') return 'EQ_INTRADAY';
      throw new RangeError('NRML does not apply to cash equity');
    case 'FUT':
      return 'FUT';
    case 'CE':
    case 'PE':
      return 'OPT';
    case 'INDEX':
      throw new RangeError('An index is not traded, so it has no charges');
  }
}
