import { applyRate, type Paise } from '../../../src-shared/money';
import { pct, type ChargeSegment } from './rates';

/**
 * Brokerage is the broker's price, not a statute: a plan per segment, configurable.
 * Charged per executed order (never per fill), on the order's total turnover.
 */

export type BrokerageRule =
  | { kind: 'zero' }
  | { kind: 'flat'; paise: Paise }
  /** rate (decimal fraction) × turnover, half-up to the paisa, capped at `capPaise`. */
  | { kind: 'percentCapped'; rate: string; capPaise: Paise };

export type BrokeragePlan = Record<ChargeSegment, BrokerageRule>;

/** A common discount plan: free delivery, min(₹20, 0.03 %) intraday and futures, ₹20 per options order. */
export const DISCOUNT_PLAN: BrokeragePlan = {
  EQ_DELIVERY: { kind: 'zero' },
  EQ_INTRADAY: { kind: 'percentCapped', rate: pct('0.03'), capPaise: 2000 },
  FUT: { kind: 'percentCapped', rate: pct('0.03'), capPaise: 2000 },
  OPT: { kind: 'flat', paise: 2000 },
};

export function brokerageFor(rule: BrokerageRule, turnover: Paise): Paise {
  if (turnover === 0) return 0; // nothing executed, nothing charged
  switch (rule.kind) {
    case 'zero':
      return 0;
    case 'flat':
      return rule.paise;
    case 'percentCapped':
      return Math.min(rule.capPaise, applyRate(turnover, rule.rate, 'half-up'));
  }
}
