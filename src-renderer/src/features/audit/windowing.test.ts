import { describe, expect, test } from 'vitest';
import { MAX_SCROLL_PX, rowWindow, scrollTopForRow } from './windowing';

const base = { viewportHeight: 240, rowHeight: 24, overscan: 5 };

describe('row window', () => {
  test('a short list: natural height, rows from the top', () => {
    expect(rowWindow({ ...base, scrollTop: 0, rowCount: 100 })).toEqual({ contentHeight: 2400, first: 0, last: 16, firstTop: 0 });
    const w = rowWindow({ ...base, scrollTop: 480, rowCount: 100 });
    expect(w.first).toBe(15);
    expect(w.firstTop).toBe(15 * 24);
  });

  test('empty', () => {
    expect(rowWindow({ ...base, scrollTop: 0, rowCount: 0 }).last).toBe(-1);
  });

  test('a million rows: the content is capped, and only a viewport of rows is rendered anywhere', () => {
    const rowCount = 1_000_000;
    for (const scrollTop of [0, 1234, MAX_SCROLL_PX / 2, MAX_SCROLL_PX]) {
      const w = rowWindow({ ...base, scrollTop, rowCount });
      expect(w.contentHeight).toBe(MAX_SCROLL_PX);
      expect(w.last - w.first + 1).toBeLessThanOrEqual(240 / 24 + 1 + 2 * 5 + 1);
      // The rendered rows sit around the viewport, wherever it is.
      expect(w.firstTop).toBeLessThanOrEqual(Math.min(scrollTop, MAX_SCROLL_PX - 240) + 1e-6);
      expect(w.firstTop + (w.last - w.first + 1) * 24).toBeGreaterThanOrEqual(Math.min(scrollTop, MAX_SCROLL_PX - 240) + 240 - 1e-6);
    }
  });

  test('the ends of a scaled list are reachable: top shows row 0, bottom shows the last row', () => {
    const rowCount = 1_000_000;
    expect(rowWindow({ ...base, scrollTop: 0, rowCount }).first).toBe(0);
    expect(rowWindow({ ...base, scrollTop: MAX_SCROLL_PX, rowCount }).last).toBe(rowCount - 1);
    expect(rowWindow({ ...base, scrollTop: (MAX_SCROLL_PX - 240) / 2, rowCount }).first).toBeCloseTo(500_000 - 5 - 5, -1);
  });

  test('scrollTopForRow is the inverse of the window (row lands at the top)', () => {
    for (const rowCount of [100, 1_000_000, 3_000_000]) {
      for (const index of [0, 17, Math.floor(rowCount / 3)]) {
        const top = scrollTopForRow(index, { viewportHeight: 240, rowHeight: 24, rowCount });
        const w = rowWindow({ ...base, overscan: 0, scrollTop: top, rowCount });
        expect(w.first).toBe(Math.min(index, rowCount - 10));
      }
    }
  });
});
