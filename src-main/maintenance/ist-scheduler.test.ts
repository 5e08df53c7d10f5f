import { describe, expect, test } from 'vitest';
import { silentLogger } from '../log';
import { IstDailyScheduler, nextIstRun } from './ist-scheduler';

const utc = (iso: string) => Date.parse(iso);

describe('next run at 00:05 IST', () => {
  test('is 18:35 UTC the day before, computed without the machine\'s time zone', () => {
    expect(new Date(nextIstRun(utc('2026-11-20T10:00:00Z'), '00:05')).toISOString()).toBe('2026-11-20T18:35:00.000Z');
    // Just after it: the next day.
    expect(new Date(nextIstRun(utc('2026-11-20T18:35:00.001Z'), '00:05')).toISOString()).toBe('2026-11-21T18:35:00.000Z');
    // Exactly at it: strictly after, so the next day.
    expect(new Date(nextIstRun(utc('2026-11-20T18:35:00Z'), '00:05')).toISOString()).toBe('2026-11-21T18:35:00.000Z');
    // 00:01 IST is 18:31 UTC: still today's 00:05 IST.
    expect(new Date(nextIstRun(utc('2026-11-20T18:31:00Z'), '00:05')).toISOString()).toBe('2026-11-20T18:35:00.000Z');
  });
});

describe('daily scheduler', () => {
  const make = (clock: { now: number }, runs: number[]) =>
    new IstDailyScheduler({ at: '00:05', log: silentLogger, now: () => clock.now, run: async () => void runs.push(clock.now) });

  test('runs once when due; a long sleep past several due times runs once on wake-up', async () => {
    const clock = { now: utc('2026-11-20T10:00:00Z') };
    const runs: number[] = [];
    const scheduler = make(clock, runs);
    scheduler.start();
    scheduler.check();
    expect(runs).toEqual([]);
    clock.now = utc('2026-11-20T18:35:30Z');
    scheduler.check();
    await Promise.resolve();
    expect(runs).toHaveLength(1);
    // Laptop asleep for three days.
    clock.now = utc('2026-11-23T12:00:00Z');
    scheduler.check();
    await new Promise((resolve) => setTimeout(resolve, 0));
    scheduler.check();
    expect(runs).toHaveLength(2);
    expect(new Date(scheduler.nextRun).toISOString()).toBe('2026-11-23T18:35:00.000Z');
    await scheduler.stop();
  });

  test('a clock set back reschedules instead of waiting for the old due time', async () => {
    const clock = { now: utc('2026-11-25T10:00:00Z') };
    const runs: number[] = [];
    const scheduler = make(clock, runs);
    scheduler.start();
    clock.now = utc('2026-11-20T10:00:00Z');
    scheduler.check();
    expect(new Date(scheduler.nextRun).toISOString()).toBe('2026-11-20T18:35:00.000Z');
    expect(runs).toEqual([]);
    await scheduler.stop();
  });
});
