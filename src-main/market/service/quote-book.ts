/**
 * The latest quote per instrument, updated tick by tick on the ingest path,
 * and the set changed since the last push (so a push carries each changed
 * quote once, however many ticks it had in between).
 *
 * The day's open/high/low restart with the first tick of a new IST day, and
 * the previous close becomes the last price of the day before. At start-up
 * the previous closes come from the stored 1d candles (loadPreviousCloses).
 */
import type { Tick } from '../../../src-shared/domain/tick';
import type { Quote } from '../../../src-shared/market/quote';
import { bucketStart } from '../../../src-shared/market/timeframe';

export interface PreviousClose {
  /** Start of the IST day the close belongs to (a 1d bucket). */
  dayStart: number;
  close: number;
}

interface Book {
  token: number;
  dayStart: number;
  ltp: number;
  open: number;
  high: number;
  low: number;
  prevClose: number | null;
  volume: number;
  oi: number;
  bid: number | null;
  ask: number | null;
  bidQty: number;
  askQty: number;
  ts: number;
}

export class QuoteBook {
  readonly #books = new Map<number, Book>();
  readonly #changed = new Set<Book>();
  readonly #stored: ReadonlyMap<number, PreviousClose>;

  constructor(previousCloses: ReadonlyMap<number, PreviousClose> = new Map()) {
    this.#stored = previousCloses;
  }

  update(tick: Tick): void {
    let book = this.#books.get(tick.token);
    const dayStart = bucketStart(tick.ts, '1d');
    if (!book) {
      book = { token: tick.token, dayStart, ltp: tick.ltp, open: tick.ltp, high: tick.ltp, low: tick.ltp, prevClose: this.#storedCloseBefore(tick.token, dayStart), volume: 0, oi: 0, bid: null, ask: null, bidQty: 0, askQty: 0, ts: tick.ts };
      this.#books.set(tick.token, book);
    } else if (dayStart > book.dayStart) {
      book.prevClose = book.ltp;
      book.dayStart = dayStart;
      book.open = book.high = book.low = tick.ltp;
    } else if (dayStart < book.dayStart) {
      return; // a straggler from yesterday changes nothing shown today
    }
    if (tick.ltp > book.high) book.high = tick.ltp;
    if (tick.ltp < book.low) book.low = tick.ltp;
    // A tick slightly out of order (within the guard's tolerance) widens the range but does not move the LTP back.
    if (tick.ts >= book.ts) {
      book.ltp = tick.ltp;
      book.ts = tick.ts;
      book.volume = tick.volume;
      book.oi = tick.oi;
      book.bid = tick.bid;
      book.ask = tick.ask;
      book.bidQty = tick.bidQty;
      book.askQty = tick.askQty;
    }
    this.#changed.add(book);
  }

  get(token: number): Quote | null {
    const book = this.#books.get(token);
    return book ? toQuote(book) : null;
  }

  /** Quotes changed since the previous call, each once. */
  takeChanged(): Quote[] {
    if (this.#changed.size === 0) return [];
    const out: Quote[] = [];
    for (const book of this.#changed) out.push(toQuote(book));
    this.#changed.clear();
    return out;
  }

  #storedCloseBefore(token: number, dayStart: number): number | null {
    const stored = this.#stored.get(token);
    return stored && stored.dayStart < dayStart ? stored.close : null;
  }
}

function toQuote(book: Book): Quote {
  const close = book.prevClose ?? book.open;
  const change = book.ltp - close;
  return {
    token: book.token,
    ltp: book.ltp,
    open: book.open,
    high: book.high,
    low: book.low,
    close,
    change,
    changePct: close === 0 ? 0 : Math.round((change / close) * 10_000) / 100,
    volume: book.volume,
    oi: book.oi,
    bid: book.bid,
    ask: book.ask,
    bidQty: book.bidQty,
    askQty: book.askQty,
    ts: book.ts,
  };
}
