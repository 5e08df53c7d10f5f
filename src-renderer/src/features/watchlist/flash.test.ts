// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFlashSweeper, expiredFlashes, FLASH_MS, nextFlash } from './flash';

afterEach(() => {
  vi.useRealTimers();
});

describe('nextFlash', () => {
  it('does not flash the first price or an unchanged one', () => {
    expect(nextFlash(undefined, 100)).toBeNull();
    expect(nextFlash(100, 100)).toBeNull();
  });

  it('flashes up or down with the direction of the move', () => {
    expect(nextFlash(100, 105)).toBe('up');
    expect(nextFlash(100, 95)).toBe('down');
  });
});

describe('flash sweeping', () => {
  it('finds the cells whose flash has run its time', () => {
    const lit = new Map([
      ['a', 0],
      ['b', 200],
    ]);
    expect(expiredFlashes(lit, FLASH_MS - 1)).toEqual([]);
    expect(expiredFlashes(lit, FLASH_MS)).toEqual(['a']);
    expect(expiredFlashes(lit, FLASH_MS + 200)).toEqual(['a', 'b']);
  });

  it('lights a cell, relights it on the next change, and clears it once quiet', () => {
    vi.useFakeTimers();
    const sweeper = createFlashSweeper(() => Date.now(), 50);
    const cell = document.createElement('span');
    sweeper.flash(cell, 'up');
    expect(cell.dataset.flash).toBe('up');
    vi.advanceTimersByTime(FLASH_MS - 100);
    sweeper.flash(cell, 'down');
    expect(cell.dataset.flash).toBe('down');
    vi.advanceTimersByTime(FLASH_MS - 100);
    expect(cell.dataset.flash).toBe('down');
    vi.advanceTimersByTime(200);
    expect(cell.dataset.flash).toBeUndefined();
    // No timer left running once nothing is lit.
    expect(vi.getTimerCount()).toBe(0);
  });
});
