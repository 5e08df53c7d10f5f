import type { ReportedStatus } from './order-events';
import type { OrderState, OrderStateEvent } from './order-state';

/**
 * Maps a broker status report to a machine event given where the order is, or null when
 * the report tells us nothing new (brokers repeat "OPEN" on every update).
 */
export function interpretReportedStatus(state: OrderState, reported: ReportedStatus): OrderStateEvent | null {
  const resting = state.status === 'MODIFY_PENDING' || state.status === 'CANCEL_PENDING' ? state.resumeTo : state.status;
  switch (reported) {
    case 'OPEN':
      if (state.status === 'SENT') return { type: 'ACK_OPEN' };
      if (resting === 'TRIGGER_PENDING') return { type: 'TRIGGERED' };
      if (resting === 'OPEN' || resting === 'PARTIALLY_FILLED') return null;
      return { type: 'ACK_OPEN' }; // terminal or local: let the machine refuse it
    case 'TRIGGER_PENDING':
      if (resting === 'TRIGGER_PENDING') return null;
      return { type: 'ACK_TRIGGER_PENDING' };
    case 'CANCELLED':
      return state.status === 'CANCEL_PENDING' ? { type: 'CANCEL_CONFIRMED' } : { type: 'EXPIRE' };
  }
}
