import pg from 'pg';
import { expect, runCli, test } from '../fixtures/tickdesk-server';
import { WsClient } from './fault-kit';

/**
 * Refused browser-mode requests reach audit_log in the running app (the
 * rate limit itself is in src-main/server/auth-audit.int.test.ts), and the
 * row never holds a token, neither the real one nor the wrong one sent.
 */
test('a bad token is written to audit_log with reason, kind, path and address, never a token', async ({ tickdesk }) => {
  // Before the database is ready a refusal is only logged; this test is about the write.
  const client = await WsClient.open(tickdesk);
  await expect.poll(async () => (await client.call('db.status', {}).then((o) => (o.ok ? (o.result as { state: string }).state : null))), { timeout: 90_000 }).toBe('ready');
  client.close();
  const wrongToken = 'x'.repeat(43);
  const probePath = `/audit-probe-${Date.now()}`;
  const response = await fetch(`${tickdesk.origin}${probePath}?token=${wrongToken}`);
  expect(response.status).toBe(401);

  const url = (await runCli(['db', 'url', '--data-dir', tickdesk.dataDir])).stdout.trim();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    let rows: Array<{ actor: string; details: Record<string, unknown> }> = [];
    await expect
      .poll(async () => {
        ({ rows } = await db.query(`SELECT actor, details FROM audit_log WHERE action = 'session.refused' AND details->>'path' = $1`, [probePath]));
        return rows.length;
      }, { timeout: 10_000, message: `stderr:\n${tickdesk.stderr().split('\n').filter((l) => l.includes('audit')).join('\n')}` })
      .toBe(1);
    expect(rows[0]?.actor).toBe('browser:127.0.0.1');
    expect(rows[0]?.details).toMatchObject({ reason: 'bad-token', kind: 'http', path: probePath, remoteAddress: '127.0.0.1' });
    const text = JSON.stringify(rows);
    expect(text).not.toContain(wrongToken);
    expect(text).not.toContain(tickdesk.token);
  } finally {
    await db.end();
  }
});
