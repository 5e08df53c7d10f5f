/** Keyboard of the search box as data: which key does what, given the results on screen. */
export type SearchKeyAction =
  | { type: 'highlight'; index: number }
  | { type: 'add'; index: number }
  | { type: 'clear' }
  | { type: 'none' };

/** Arrows move (and stop at the ends), Enter adds the highlighted row (the first if none), Esc clears. */
export function searchKeyAction(key: string, highlighted: number, count: number): SearchKeyAction {
  switch (key) {
    case 'ArrowDown':
      return count === 0 ? { type: 'none' } : { type: 'highlight', index: Math.min(count - 1, highlighted + 1) };
    case 'ArrowUp':
      return count === 0 ? { type: 'none' } : { type: 'highlight', index: Math.max(0, highlighted - 1) };
    case 'Enter':
      return count === 0 ? { type: 'none' } : { type: 'add', index: highlighted >= 0 && highlighted < count ? highlighted : 0 };
    case 'Escape':
      return { type: 'clear' };
    default:
      return { type: 'none' };
  }
}
