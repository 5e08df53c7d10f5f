/**
 * Reconnect delays: exponential with "equal jitter" (half fixed, half random), so a
 * dropped feed comes back quickly the first time, does not hammer the broker when it
 * stays down, and connections dropped together do not retry in lockstep.
 */
export interface BackoffOptions {
  /** First delay, ms (default 500). */
  initialMs?: number;
  /** Cap, ms (default 30 s). */
  maxMs?: number;
  random?: () => number;
}

export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialMs ?? 500;
  const max = options.maxMs ?? 30_000;
  const ceiling = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  const random = options.random ?? Math.random;
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
