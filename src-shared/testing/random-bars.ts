/**
 * Random OHLCV series for indicator property tests: a random walk in paise
 * with the awkward cases a real feed produces — flat stretches (equal closes,
 * high = low), zero-volume bars, gaps, and sessions that cross IST midnight so
 * the VWAP reset is exercised.
 */
import type { Bar } from '../indicators/bar';
import { istInstant } from '../market/ist-calendar';
import { pick, randomBetween, randomInt, type Random } from './seeded-random';

const MINUTE = 60_000;

export function randomBars(random: Random, count: number): Bar[] {
  const bars: Bar[] = [];
  let price = pick(random, [100, 4_250, 182_530, 2_512_345]);
  let time = istInstant('2026-03-02', 9 * 60 + 15);
  let flat = 0;
  for (let i = 0; i < count; i++) {
    if (flat === 0 && random() < 0.03) flat = 1 + randomInt(random, 25);
    const open = price;
    let close = open;
    let high = open;
    let low = open;
    if (flat > 0) {
      flat--;
    } else {
      const step = price * 0.004;
      close = Math.max(1, Math.round(open + randomBetween(random, -step, step)));
      high = Math.max(open, close) + Math.round(randomBetween(random, 0, step));
      low = Math.max(0, Math.min(open, close) - Math.round(randomBetween(random, 0, step)));
    }
    const volume = random() < 0.1 ? 0 : randomInt(random, 50_000);
    bars.push({ time, open, high, low, close, volume });
    price = close;
    // Mostly one minute apart; sometimes a gap, sometimes the next (or a later) day.
    const jump = random();
    time += jump < 0.9 ? MINUTE : jump < 0.97 ? MINUTE * (2 + randomInt(random, 30)) : MINUTE * 60 * (6 + randomInt(random, 60));
  }
  return bars;
}

/**
 * Ticks of the bar still forming before it closes as `final`: same time and
 * open, a high and low that only widen, a close that wanders, volume that only
 * grows — what a live chart feeds to `update`.
 */
export function formingVersions(random: Random, final: Bar, count: number): Bar[] {
  const out: Bar[] = [];
  for (let k = 0; k < count; k++) {
    const f = (k + 1) / (count + 1);
    const close = final.low + (final.high - final.low) * random();
    out.push({
      time: final.time,
      open: final.open,
      high: Math.max(final.open, close, final.open + (final.high - final.open) * f),
      low: Math.min(final.open, close, final.open - (final.open - final.low) * f),
      close,
      volume: Math.floor(final.volume * f),
    });
  }
  return out;
}
