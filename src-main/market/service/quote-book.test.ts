import { describe, expect, test } from 'vitest';
import type { Tick } from '../../../src-shared/domain/tick';
import { istDayStartUtc, istInstant } from '../../../src-shared/market/ist-calendar';
import { QuoteBook } from './quote-book';

const at = (day: string, minutes: number) => istInstant(day, minutes);
const tick = (ts: number, ltp: number, over: Partial<Tick> = {}): Tick => ({ token: 7, ts, ltp, lastQty: 1, volume: 100, oi: 0, bid: ltp - 5, bidQty: 1, ask: ltp + 5, askQty: 2, ...over });

describe('quote book', () => {
  test('change against the stored previous close; day range; each changed quote once per take', () => {
    const book = new QuoteBook(new Map([[7, { dayStart: istDayStartUtc('2026-11-19'), close: 1000_00 }]]));
    book.update(tick(at('2026-11-20', 556), 1010_00));
    book.update(tick(at('2026-11-20', 557), 990_00, { volume: 150 }));
    book.update(tick(at('2026-11-20', 558), 1005_50, { volume: 180 }));
    const [quote, ...rest] = book.takeChanged();
    expect(rest).toEqual([]);
    expect(quote).toMatchObject({ token: 7, ltp: 1005_50, open: 1010_00, high: 1010_00, low: 990_00, close: 1000_00, change: 5_50, changePct: 0.55, volume: 180 });
    expect(book.takeChanged()).toEqual([]);
  });

  test('a new IST day: yesterday\'s last price becomes the close, the range restarts', () => {
    const book = new QuoteBook();
    book.update(tick(at('2026-11-20', 900), 500_00));
    // No stored close on the first day ever: the day's open stands in.
    expect(book.get(7)).toMatchObject({ close: 500_00, change: 0 });
    book.update(tick(at('2026-11-21', 556), 510_00));
    expect(book.get(7)).toMatchObject({ close: 500_00, open: 510_00, high: 510_00, low: 510_00, change: 10_00, changePct: 2 });
    // A straggler from yesterday changes nothing shown today.
    book.update(tick(at('2026-11-20', 1000), 1_00));
    expect(book.get(7)).toMatchObject({ ltp: 510_00, low: 510_00 });
  });

  test('a tick slightly out of order widens the range but does not move the LTP back', () => {
    const book = new QuoteBook();
    const t = at('2026-11-20', 600);
    book.update(tick(t, 100_00));
    book.update(tick(t - 500, 90_00));
    expect(book.get(7)).toMatchObject({ ltp: 100_00, low: 90_00, ts: t });
    expect(book.get(99)).toBeNull();
  });
});
