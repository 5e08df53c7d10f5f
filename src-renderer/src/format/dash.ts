/** What a cell shows when there is no value (yet): never "0", "NaN" or "null". */
export const dash = '—';
