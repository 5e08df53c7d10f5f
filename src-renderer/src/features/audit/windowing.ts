/**
 * The arithmetic of a virtualised list with fixed-height rows: which rows to
 * render for a scroll position, and where. Browsers cap an element's height
 * (Chromium near 33.5M px, Firefox near 17.9M px), so past MAX_SCROLL_PX the
 * scrollbar is scaled: the scroll range maps linearly onto the rows and the
 * rendered rows are placed around the viewport, so a million rows scroll like
 * a thousand and the thumb still lands where it is dragged.
 */

export const MAX_SCROLL_PX = 8_000_000;

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowCount: number;
  rowHeight: number;
  /** Extra rows above and below the viewport. */
  overscan: number;
  maxScrollPx?: number;
}

export interface RowWindow {
  /** Height of the scrolled content (the spacer). */
  contentHeight: number;
  /** Rows [first, last] to render (last < first when there are none). */
  first: number;
  last: number;
  /** Distance from the content's top to row `first`'s top. */
  firstTop: number;
}

export function rowWindow(input: WindowInput): RowWindow {
  const { viewportHeight, rowCount, rowHeight, overscan } = input;
  const max = input.maxScrollPx ?? MAX_SCROLL_PX;
  const natural = rowCount * rowHeight;
  const contentHeight = Math.min(natural, max);
  if (rowCount === 0) return { contentHeight: 0, first: 0, last: -1, firstTop: 0 };
  const scrollRange = Math.max(0, contentHeight - viewportHeight);
  const scrollTop = Math.min(Math.max(0, input.scrollTop), scrollRange);
  // Where the viewport's top is in the rows' own (unscaled) coordinates.
  const virtualTop = natural <= max || scrollRange === 0 ? scrollTop : (scrollTop / scrollRange) * Math.max(0, natural - viewportHeight);
  const firstVisible = Math.floor(virtualTop / rowHeight);
  const visible = Math.ceil(viewportHeight / rowHeight) + 1;
  const first = Math.max(0, firstVisible - overscan);
  const last = Math.min(rowCount - 1, firstVisible + visible + overscan);
  return { contentHeight, first, last, firstTop: scrollTop + (first * rowHeight - virtualTop) };
}

/** The scrollTop that brings row `index` to the top of the viewport (for keyboard moves and "jump to"). */
export function scrollTopForRow(index: number, input: Omit<WindowInput, 'scrollTop' | 'overscan'>): number {
  const max = input.maxScrollPx ?? MAX_SCROLL_PX;
  const natural = input.rowCount * input.rowHeight;
  const contentHeight = Math.min(natural, max);
  const scrollRange = Math.max(0, contentHeight - input.viewportHeight);
  const target = index * input.rowHeight;
  if (natural <= max) return Math.min(target, scrollRange);
  const virtualRange = Math.max(1, natural - input.viewportHeight);
  return Math.min(scrollRange, (target / virtualRange) * scrollRange);
}
