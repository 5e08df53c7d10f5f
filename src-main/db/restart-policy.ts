/** How the supervisor paces restarts and when it stops trying. */
export interface RestartPolicyOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures (crashes or failed restarts) tolerated within the window. */
  maxFailures: number;
  windowMs: number;
}

export const defaultRestartPolicy: RestartPolicyOptions = {
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  maxFailures: 8,
  windowMs: 60_000,
};

/** 250 ms, 500 ms, 1 s, 2 s, 4 s, 5 s, 5 s… for the nth consecutive failure (1-based). */
export function backoffDelay(failure: number, options: RestartPolicyOptions = defaultRestartPolicy): number {
  const exponent = Math.max(0, failure - 1);
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(exponent, 30));
}

/**
 * Counts failures in a sliding window, so a server that crashes every few
 * seconds ends in `failed` instead of restarting forever, while one crash a
 * day is always brought back.
 */
export class RestartPolicy {
  private failures: number[] = [];

  constructor(private readonly options: RestartPolicyOptions = defaultRestartPolicy) {}

  /** Records a failure; returns the delay before the next try, or null to give up. */
  next(now: number): number | null {
    this.failures = this.failures.filter((at) => now - at < this.options.windowMs);
    this.failures.push(now);
    if (this.failures.length > this.options.maxFailures) return null;
    return backoffDelay(this.failures.length, this.options);
  }

  get recentFailures(): number {
    return this.failures.length;
  }
}
