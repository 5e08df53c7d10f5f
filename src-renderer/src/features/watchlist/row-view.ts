import type { Quote } from '../../../../src-shared/market/quote';
import { directionOf, formatChange, formatPct, formatPrice, formatVolume, type Direction } from '../market/format';

export interface RowView {
  ltp: string;
  change: string;
  changePct: string;
  volume: string;
  direction: Direction;
}

/** What a watchlist row shows for a quote; dashes until the first quote arrives. */
export function rowView(quote: Quote | undefined): RowView {
  if (!quote) return { ltp: '—', change: '—', changePct: '', volume: '—', direction: 'flat' };
  return {
    ltp: formatPrice(quote.ltp),
    change: formatChange(quote.change),
    changePct: `(${formatPct(quote.changePct)})`,
    volume: formatVolume(quote.volume),
    direction: directionOf(quote.change),
  };
}
