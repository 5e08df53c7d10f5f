import type { Quote } from '../../../../src-shared/market/quote';
import { directionOf, type Direction } from '../../format/direction';
import { formatChange, formatRupees } from '../../format/money';
import { formatSignedPct } from '../../format/percent';
import { formatVolume } from '../../format/volume';

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
    ltp: formatRupees(quote.ltp),
    change: formatChange(quote.change),
    changePct: `(${formatSignedPct(quote.changePct)})`,
    volume: formatVolume(quote.volume),
    direction: directionOf(quote.change),
  };
}
