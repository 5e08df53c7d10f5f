import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromKite, fromKotak, throttleProgress, type DrillProgress } from './drill-progress';

const step = (done: number, phase: DrillProgress['phase'] = 'upsert'): DrillProgress => ({ broker: 'kite', phase, segment: null, done, total: 5_000, at: 0 });

describe('drill progress throttle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends at most one per interval, the latest winning, and the held one when the interval is up', () => {
    const sent: number[] = [];
    const t = throttleProgress((p) => sent.push(p.done), 100, () => Date.now());
    t.push(step(0));
    for (let done = 1; done <= 50; done += 1) t.push(step(done));
    expect(sent).toEqual([0]);
    vi.advanceTimersByTime(99);
    expect(sent).toEqual([0]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([0, 50]);
    // One second of a batch every millisecond: about ten events, never more than eleven.
    for (let ms = 0; ms < 1_000; ms += 1) {
      t.push(step(100 + ms));
      vi.advanceTimersByTime(1);
    }
    expect(sent.length - 2).toBeGreaterThanOrEqual(9);
    expect(sent.length - 2).toBeLessThanOrEqual(11);
    expect([...sent].sort((a, b) => a - b)).toEqual(sent);
  });

  it('flush delivers the last step at once and nothing twice', () => {
    const sent: DrillProgress[] = [];
    const t = throttleProgress((p) => sent.push(p), 100, () => Date.now());
    t.push(step(0, 'download'));
    t.push(step(5_000, 'done'));
    t.flush();
    expect(sent.map((p) => p.phase)).toEqual(['download', 'done']);
    vi.advanceTimersByTime(500);
    t.flush();
    expect(sent).toHaveLength(2);
  });
});

describe('adapter progress as the trader sees it', () => {
  it('Kite: no count while downloading, rows of the upsert after', () => {
    expect(fromKite({ phase: 'download', done: 0, total: 1 }, 7)).toEqual({ broker: 'kite', phase: 'download', segment: null, done: 0, total: null, at: 7 });
    expect(fromKite({ phase: 'upsert', done: 1_000, total: 2_500 }, 8)).toMatchObject({ phase: 'upsert', done: 1_000, total: 2_500 });
  });

  it('Kotak: rows read per segment, the total known only when the file ends', () => {
    expect(fromKotak({ segment: 'nse_fo', phase: 'downloading', rows: 300, instruments: 290 }, 1)).toEqual({ broker: 'kotak', phase: 'download', segment: 'nse_fo', done: 300, total: null, at: 1 });
    expect(fromKotak({ segment: 'nse_fo', phase: 'done', rows: 812, instruments: 800 }, 2)).toMatchObject({ phase: 'done', done: 812, total: 812 });
    expect(fromKotak({ segment: 'bse_fo', phase: 'failed', rows: 0, instruments: 0 }, 3)).toMatchObject({ phase: 'failed', segment: 'bse_fo' });
  });
});
