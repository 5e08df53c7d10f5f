import { memo, useLayoutEffect, useRef } from 'react';
import type { WatchlistItem } from '../../../../src-shared/contract/domains/market';
import { flashSweeper, nextFlash } from './flash';
import { rowView } from './row-view';
import { useRowQuote } from './use-row-quote';

interface WatchlistRowProps {
  item: WatchlistItem;
  selected: boolean;
  onSelect(token: number): void;
  onRemove(token: number): void;
}

/**
 * One row, subscribed to its own quote only (and only while on screen, see
 * use-row-quote.ts): a tick elsewhere does not render it. The flash is written straight to the price cell's data-flash
 * attribute (React never owns it; see flash.ts), so it costs no extra render.
 */
export const WatchlistRow = memo(function WatchlistRow({ item, selected, onSelect, onRemove }: WatchlistRowProps) {
  const rowRef = useRef<HTMLLIElement>(null);
  const quote = useRowQuote(item.token, rowRef);
  const view = rowView(quote);
  const ltpRef = useRef<HTMLSpanElement>(null);
  const previousLtp = useRef<number | undefined>(undefined);
  const ltp = quote?.ltp;

  useLayoutEffect(() => {
    if (ltp === undefined) return;
    const flash = nextFlash(previousLtp.current, ltp);
    previousLtp.current = ltp;
    if (flash && ltpRef.current) flashSweeper.flash(ltpRef.current, flash);
  }, [ltp]);

  useLayoutEffect(() => {
    const cell = ltpRef.current;
    return () => {
      if (cell) flashSweeper.forget(cell);
    };
  }, []);

  const symbol = item.instrument?.tradingsymbol ?? `#${item.token}`;
  const detail = item.instrument ? `${item.instrument.exchange} · ${item.instrument.instrumentType}` : 'no longer in the instrument master';
  return (
    <li
      ref={rowRef}
      className={`wl-row dir-${view.direction}${selected ? ' selected' : ''}`}
      data-testid="watchlist-row"
      data-token={item.token}
      data-symbol={symbol}
      aria-selected={selected}
      onClick={() => onSelect(item.token)}
    >
      <span className="wl-symbol" title={item.instrument?.name ?? detail}>
        {symbol}
      </span>
      <span className="wl-ltp" ref={ltpRef} data-testid="watchlist-ltp">
        {view.ltp}
      </span>
      <span className="wl-change" data-testid="watchlist-change">
        {view.change} <span className="wl-pct">{view.changePct}</span>
      </span>
      <span className="wl-volume" data-testid="watchlist-volume" title="Day volume">
        {view.volume}
      </span>
      <button
        type="button"
        className="wl-remove"
        aria-label={`Remove ${symbol} from the watchlist`}
        data-testid="watchlist-remove"
        onClick={(event) => {
          event.stopPropagation();
          onRemove(item.token);
        }}
      >
        ×
      </button>
    </li>
  );
});
