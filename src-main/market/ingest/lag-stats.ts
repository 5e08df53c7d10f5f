/**
 * Weighted latency samples (one per chunk of ticks, weighted by its rows) and
 * their percentiles. Kept per health interval, so the figure on screen is the
 * last second's, not the day's average.
 */
export interface LagPercentiles {
  p50: number;
  p99: number;
}

export class LagSamples {
  #values: number[] = [];
  #weights: number[] = [];

  add(valueMs: number, weight: number): void {
    if (weight <= 0 || !Number.isFinite(valueMs)) return;
    this.#values.push(valueMs < 0 ? 0 : valueMs);
    this.#weights.push(weight);
  }

  get size(): number {
    return this.#values.length;
  }

  /** Percentiles of what was added since the previous take(), or null when nothing was. */
  take(): LagPercentiles | null {
    const result = weightedPercentiles(this.#values, this.#weights, [0.5, 0.99]);
    this.#values = [];
    this.#weights = [];
    return result ? { p50: result[0] as number, p99: result[1] as number } : null;
  }
}

/** The smallest value whose cumulative weight reaches q of the total, for each q. */
export function weightedPercentiles(values: readonly number[], weights: readonly number[], qs: readonly number[]): number[] | null {
  if (values.length === 0) return null;
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  let total = 0;
  for (const w of weights) total += w;
  return qs.map((q) => {
    const target = q * total;
    let cumulative = 0;
    for (const i of order) {
      cumulative += weights[i] as number;
      if (cumulative >= target) return Math.round((values[i] as number) * 10) / 10;
    }
    return Math.round((values[order[order.length - 1] as number] as number) * 10) / 10;
  });
}
