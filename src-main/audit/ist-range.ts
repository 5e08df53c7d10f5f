import { ContractError } from '../../src-shared/contract';
import { istDayRange, parseIstDate } from '../../src-shared/time/ist';

/** A half-open UTC interval [from, to); a null end is unbounded. */
export interface UtcRange {
  from: Date | null;
  to: Date | null;
}

/**
 * IST calendar days, both ends inclusive (what a trader types), to the
 * half-open UTC range [from 00:00 IST, the day after `to` 00:00 IST): the
 * shape of the day partitions, so an event at 23:59:59.999999 IST on `to` is
 * in and one at 00:00 IST the next day is out, with no gap or overlap.
 * The contract's schemas check the same things; this guards the CLI and any
 * caller that skips them.
 */
export function istDaysToUtcRange(fromDay: string | undefined, toDay: string | undefined): UtcRange {
  for (const [name, day] of [['from', fromDay], ['to', toDay]] as const) {
    if (day !== undefined && parseIstDate(day) === null) {
      throw new ContractError('VALIDATION', `"${name}" must be a real date as YYYY-MM-DD, not "${day.slice(0, 40)}"`, { field: name });
    }
  }
  if (fromDay !== undefined && toDay !== undefined && fromDay > toDay) {
    throw new ContractError('VALIDATION', `The range is reversed: from ${fromDay} is after to ${toDay}`, { field: 'from' });
  }
  return {
    from: fromDay === undefined ? null : istDayRange(fromDay).start,
    to: toDay === undefined ? null : istDayRange(toDay).end,
  };
}
