export interface AuthThrottleOptions {
  /** Failures per address within the window answered without delay. */
  freeFailures?: number;
  windowMs?: number;
  /** First delay once the free failures are spent; doubles with each failure. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Addresses tracked at most; the oldest are forgotten first. */
  maxAddresses?: number;
  now?: () => number;
}

export interface AuthThrottle {
  /** Records a failed attempt; returns how many failures the address has in the window and how long to wait before answering. */
  fail(address: string): { failures: number; delayMs: number };
  failuresOf(address: string): number;
}

/**
 * Slows down repeated bad tokens from one address. The token has 256 bits,
 * so this is not what keeps guessers out; it keeps a misbehaving script from
 * flooding the log and the audit trail, and makes a probe visible.
 */
export function createAuthThrottle(options: AuthThrottleOptions = {}): AuthThrottle {
  const freeFailures = options.freeFailures ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 4_000;
  const maxAddresses = options.maxAddresses ?? 1_000;
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();

  const recent = (address: string, at: number): number[] => {
    const times = (failures.get(address) ?? []).filter((t) => at - t < windowMs);
    if (times.length === 0) failures.delete(address);
    else failures.set(address, times);
    return times;
  };

  return {
    fail(address) {
      const at = now();
      const times = recent(address, at);
      times.push(at);
      failures.delete(address);
      failures.set(address, times.slice(-100));
      while (failures.size > maxAddresses) {
        const oldest = failures.keys().next().value;
        if (oldest === undefined) break;
        failures.delete(oldest);
      }
      const over = times.length - freeFailures;
      const delayMs = over <= 0 ? 0 : Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(over - 1, 20));
      return { failures: times.length, delayMs };
    },
    failuresOf(address) {
      return recent(address, now()).length;
    },
  };
}
