import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { expect, freshDataDir, runCli, startServer, stopServer, test } from './fixtures/tickdesk-server';

test.describe('tickdesk CLI', () => {
  test('db status --json and db url describe the running app', async ({ tickdesk }) => {
    await expect
      .poll(async () => JSON.parse((await runCli(['db', 'status', '--data-dir', tickdesk.dataDir, '--json'])).stdout) as { schemaVersion: unknown }, {
        timeout: 60_000,
      })
      .toMatchObject({ schemaVersion: expect.any(String) });

    const status = await runCli(['db', 'status', '--data-dir', tickdesk.dataDir, '--json']);
    expect(status.code).toBe(0);
    expect(status.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(status.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ running: true, dataDir: tickdesk.dataDir, initialised: true, problem: null });
    expect(report.port).toEqual(expect.any(Number));
    expect(report.sizeBytes).toEqual(expect.any(Number));

    const url = await runCli(['db', 'url', '--data-dir', tickdesk.dataDir]);
    expect(url.code).toBe(0);
    expect(url.stdout.trim()).toMatch(/^postgresql:\/\/[^:]+:[^@]+@127\.0\.0\.1:\d+\/\w+$/);
    const client = new pg.Client({ connectionString: url.stdout.trim() });
    await client.connect();
    try {
      const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }

    const human = await runCli(['db', 'status', '--data-dir', tickdesk.dataDir]);
    expect(human.stdout).toMatch(/Running\s+yes/);
  });

  test('a port in use is one clear line and exit code 1', async ({ tickdesk }) => {
    const dataDir = await freshDataDir();
    const result = await runCli(['serve', '--data-dir', dataDir, '--port', String(tickdesk.port)]);
    await rm(dataDir, { recursive: true, force: true });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `Port ${tickdesk.port} is in use; choose another with --port N (or --port 0 for any free port).`,
    );
  });

  test('usage errors exit 2; db url without a running app exits 1', async () => {
    const usage = await runCli(['serve', '--port', 'eighty']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--port must be a number');
    expect(usage.stderr).toContain('Usage: tickdesk');

    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('serve [--data-dir DIR] [--port N]');

    const dataDir = await freshDataDir();
    const url = await runCli(['db', 'url', '--data-dir', dataDir]);
    await rm(dataDir, { recursive: true, force: true });
    expect(url.code).toBe(1);
    expect(url.stdout).toBe('');
    expect(url.stderr.trim()).toMatch(/not running/);
  });

  test('Ctrl-C (SIGINT) stops PostgreSQL and leaves nothing behind', async ({ page }) => {
    const server = await startServer();
    await page.goto(server.url);
    await expect(page.getByTestId('db-state')).toHaveText('ready', { timeout: 60_000 });
    await stopServer(server, 'SIGINT');
  });

  test('SIGTERM while the database is still starting stops cleanly too', async () => {
    const server = await startServer();
    // The URL comes before the database: this lands during initdb or start-up.
    await stopServer(server, 'SIGTERM', { waitForDatabase: false });
  });

  test('a data folder that cannot be used: one clear line, the error screen, and the server stays up', async ({ page }) => {
    const parent = await freshDataDir();
    const notAFolder = path.join(parent, 'a-file');
    await writeFile(notAFolder, 'the trader\'s file, not a folder');
    const server = await startServer({ dataDir: notAFolder });
    try {
      await expect.poll(() => server.stderr(), { timeout: 30_000 }).toMatch(/^Database failed: .+/m);
      await page.goto(server.url);
      await expect(page.getByTestId('db-state')).toHaveText('failed', { timeout: 30_000 });
      await expect(page.getByTestId('db-failed')).toBeVisible();
      await expect(page.getByTestId('db-failed-reason')).toContainText(notAFolder);
      await stopServer(server, 'SIGTERM', { waitForDatabase: false });
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});

