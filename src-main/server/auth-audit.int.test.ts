import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { testLogger } from '../testing/kits/logger';
import { AUTH_REFUSED_ACTION, AUTH_SUPPRESSED_ACTION, createAuthAudit } from './auth-audit';
import type { AuthFailure } from './http-server';

/**
 * Refused browser-mode requests land in audit_log: one row per refusal up to
 * a cap per window, then one summary row, so a flood cannot fill the disk.
 */
let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
});

afterAll(async () => {
  await db?.cleanup();
});

const failure = (i: number): AuthFailure => ({
  reason: 'bad-token',
  kind: i % 2 === 0 ? 'http' : 'websocket',
  remoteAddress: '127.0.0.1',
  path: `/probe/${i}`,
  failures: i + 1,
  delayMs: 0,
  at: new Date(1_700_000_000_000 + i).toISOString(),
});

async function auditRows(): Promise<Array<{ actor: string; action: string; details: Record<string, unknown> }>> {
  const { rows } = await db.service
    .pool()
    .query<{ actor: string; action: string; details: Record<string, unknown> }>('SELECT actor, action, details FROM audit_log WHERE action LIKE $1 ORDER BY id', ['session.refused%']);
  return rows;
}

describe('auth failures → audit_log', () => {
  test('rows up to the cap, then one summary of the suppressed count; never a token', async () => {
    let clock = 0;
    const audit = createAuthAudit({ db: db.service, log: testLogger(), maxRowsPerWindow: 5, windowMs: 60_000, now: () => clock });
    for (let i = 0; i < 1_000; i++) audit.onAuthFailure(failure(i));
    await audit.flush();
    let rows = await auditRows();
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({
      actor: 'browser:127.0.0.1',
      action: AUTH_REFUSED_ACTION,
      details: { reason: 'bad-token', kind: 'http', path: '/probe/0', remoteAddress: '127.0.0.1', failures: 1, delayMs: 0, at: failure(0).at },
    });

    // The next window starts with the summary of the last one.
    clock = 60_000;
    audit.onAuthFailure(failure(1_000));
    await audit.flush();
    rows = await auditRows();
    expect(rows).toHaveLength(7);
    expect(rows[5]?.action).toBe(AUTH_SUPPRESSED_ACTION);
    expect(rows[5]?.details.suppressed).toBe(995);
    expect(rows[6]?.details.path).toBe('/probe/1000');
    await audit.close();
    expect(JSON.stringify(rows)).not.toMatch(/token=/);
  });

  test('with the database not ready it only logs, and does not throw', async () => {
    const warned: string[] = [];
    const log = { ...testLogger(), debug: (message: string) => warned.push(message) };
    const audit = createAuthAudit({
      db: { status: () => ({ ...db.service.status(), state: 'restarting' }), pool: () => db.service.pool() },
      log,
    });
    const before = (await auditRows()).length;
    audit.onAuthFailure(failure(1));
    await audit.close();
    expect((await auditRows()).length).toBe(before);
    expect(warned).toContain('auth refusal not audited: database not ready');
  });
});
