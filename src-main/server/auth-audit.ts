import type pg from 'pg';
import type { DbStatus } from '../../src-shared/domain/db-status';
import type { Logger } from '../log';
import type { AuthFailure } from './http-server';

/**
 * Writes refused browser-mode requests to `audit_log`: repeated bad tokens are
 * slowed down (auth-throttle.ts) and recorded, so the trader can see who tried.
 *
 * The table is append-only and lives on the trader's disk, so a flood of bad
 * requests must not be able to fill it: at most `maxRowsPerWindow` rows per
 * window, then one summary row with how many were left out. The token is
 * never part of an AuthFailure (the server records the path only), and this
 * file adds nothing that could carry it.
 */
export interface AuthAuditOptions {
  db: { status(): DbStatus; pool(): pg.Pool };
  log: Logger;
  maxRowsPerWindow?: number;
  windowMs?: number;
  now?: () => number;
}

export interface AuthAudit {
  onAuthFailure(failure: AuthFailure): void;
  /** Resolves once every write started so far has finished (tests, shutdown). */
  flush(): Promise<void>;
  /** Writes the pending summary (if any) and stops the window timer. */
  close(): Promise<void>;
}

export const AUTH_REFUSED_ACTION = 'session.refused';
export const AUTH_SUPPRESSED_ACTION = 'session.refused.suppressed';

const INSERT = 'INSERT INTO audit_log (actor, action, details) VALUES ($1, $2, $3::jsonb)';

export function createAuthAudit(options: AuthAuditOptions): AuthAudit {
  const maxRows = options.maxRowsPerWindow ?? 30;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  let windowStart = now();
  let written = 0;
  let suppressed = 0;
  let suppressedSince: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let pending: Promise<void> = Promise.resolve();

  const insert = (actor: string, action: string, details: Record<string, unknown>) => {
    if (options.db.status().state !== 'ready') {
      // No database to write to: the server's own log line is the record.
      options.log.debug('auth refusal not audited: database not ready', { action });
      return;
    }
    let pool: pg.Pool;
    try {
      pool = options.db.pool();
    } catch {
      return;
    }
    pending = pending
      .then(() => pool.query(INSERT, [actor, action, JSON.stringify(details)]))
      .then(
        () => undefined,
        (error: unknown) => options.log.warn('auth refusal could not be audited', { error: error instanceof Error ? error.message : String(error) }),
      );
  };

  const writeSummary = () => {
    if (suppressed === 0) return;
    insert('system', AUTH_SUPPRESSED_ACTION, { suppressed, since: suppressedSince, until: new Date(now()).toISOString(), maxRowsPerWindow: maxRows, windowMs });
    suppressed = 0;
    suppressedSince = null;
  };

  const rollWindow = () => {
    if (now() - windowStart < windowMs) return;
    writeSummary();
    windowStart = now();
    written = 0;
  };

  return {
    onAuthFailure(failure) {
      rollWindow();
      if (written >= maxRows) {
        suppressed += 1;
        suppressedSince ??= failure.at;
        // A flood that stops still leaves its summary row once the window ends.
        timer ??= setTimeout(() => {
          timer = null;
          rollWindow();
        }, Math.max(0, windowStart + windowMs - now()));
        timer.unref();
        return;
      }
      written += 1;
      insert(`browser:${failure.remoteAddress}`, AUTH_REFUSED_ACTION, {
        reason: failure.reason,
        kind: failure.kind,
        path: failure.path,
        remoteAddress: failure.remoteAddress,
        failures: failure.failures,
        delayMs: failure.delayMs,
        at: failure.at,
      });
    },
    flush: () => pending,
    async close() {
      if (timer) clearTimeout(timer);
      timer = null;
      writeSummary();
      await pending;
    },
  };
}
