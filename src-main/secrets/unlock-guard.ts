/**
 * Slows down passphrase guessing through brokers.unlock. scrypt already makes
 * each guess cost ~100 ms of CPU; this adds a lockout that doubles after a
 * few wrong tries, so a script on the loopback socket cannot grind through a
 * word list (and every wrong try lands in audit_log).
 */
export interface UnlockGuardOptions {
  freeFailures?: number;
  baseLockMs?: number;
  maxLockMs?: number;
  now?: () => number;
}

export class UnlockGuard {
  private failures = 0;
  private lockedUntil = 0;
  private readonly free: number;
  private readonly base: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(options: UnlockGuardOptions = {}) {
    this.free = options.freeFailures ?? 3;
    this.base = options.baseLockMs ?? 5_000;
    this.max = options.maxLockMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds the caller must still wait (0 = may try now). */
  waitMs(): number {
    return Math.max(0, this.lockedUntil - this.now());
  }

  /** Records a wrong passphrase; returns the failure count and the lock now in force. */
  fail(): { failures: number; lockMs: number } {
    this.failures += 1;
    const over = this.failures - this.free;
    const lockMs = over <= 0 ? 0 : Math.min(this.max, this.base * 2 ** Math.min(over - 1, 20));
    this.lockedUntil = this.now() + lockMs;
    return { failures: this.failures, lockMs };
  }

  succeed(): void {
    this.failures = 0;
    this.lockedUntil = 0;
  }
}
