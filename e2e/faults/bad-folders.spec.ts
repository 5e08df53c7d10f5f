import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { expect, freshDataDir, runCli, startServer, test } from '../fixtures/tickdesk-server';
import { TerminalPage } from '../pages/terminal-page';
import { hashFolder } from './fault-kit';

/**
 * Fault: unusable data folders, at the app level. The database service's own refusals
 * (exact sentences, a taken PostgreSQL port) are in
 * src-main/db/folder-refusal.int.test.ts and a taken browser port's message in
 * e2e/cli.spec.ts; here the whole `tickdesk serve` is run on such folders:
 * one clear line on stderr, the error screen in the page, the server stays
 * up, and every byte of the trader's folder is as it was.
 */
async function seedFolder(kind: 'other-major' | 'half-initialised'): Promise<string> {
  const dataDir = await freshDataDir();
  const pg = path.join(dataDir, 'pg');
  await mkdir(path.join(pg, 'base', '1'), { recursive: true });
  await mkdir(path.join(pg, 'global'), { recursive: true });
  await writeFile(path.join(pg, 'PG_VERSION'), kind === 'other-major' ? '15\n' : '18\n');
  await writeFile(path.join(pg, 'global', 'pg_control'), Buffer.alloc(8192, 7));
  await writeFile(path.join(pg, 'base', '1', '16384'), 'the trader\'s tables');
  await writeFile(path.join(dataDir, 'notes.txt'), 'not ours to delete');
  return dataDir;
}

/** The folder less logs/: this run's log is the one thing Tickdesk adds, and it must say why it refused. */
function withoutLog(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([file]) => !file.startsWith(`logs${path.sep}`)));
}

const cases = [
  { kind: 'other-major', message: /was made by PostgreSQL 15; this Tickdesk bundles PostgreSQL \d+\. .*nothing was deleted\./ },
  { kind: 'half-initialised', message: /looks half-initialised .*nothing was deleted\./ },
] as const;

for (const { kind, message } of cases) {
  test(`a ${kind} data folder: one clear line, the error screen, the folder untouched`, async ({ page }) => {
    const dataDir = await seedFolder(kind);
    const before = await hashFolder(dataDir);
    const server = await startServer({ dataDir });
    try {
      await expect.poll(() => server.stderr(), { timeout: 30_000 }).toMatch(/^Database failed: .+/m);
      const line = /^Database failed: (.+)$/m.exec(server.stderr())?.[1] ?? '';
      expect(line).toMatch(message);
      const terminal = new TerminalPage(page);
      await terminal.open(server.url);
      await expect(terminal.dbState).toHaveText('failed', { timeout: 30_000 });
      await expect(page.getByTestId('db-failed')).toBeVisible();
      await expect(page.getByTestId('db-failed-reason')).toHaveText(message);
      expect(server.child.exitCode, 'the server stays up to show the error').toBeNull();
      expect(withoutLog(await hashFolder(dataDir))).toEqual(before);
    } finally {
      // Once more after the shutdown path ran: stopping must not tidy the folder either.
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
      expect(withoutLog(await hashFolder(dataDir))).toEqual(before);
      expect(await readFile(path.join(dataDir, 'logs', 'tickdesk.log'), 'utf8')).toMatch(message);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
}

test('the browser port taken by another process: exit 1, one line, the data folder untouched', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const dataDir = await seedFolder('other-major');
  try {
    const before = await hashFolder(dataDir);
    const result = await runCli(['serve', '--data-dir', dataDir, '--port', String(port)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(`Port ${port} is in use; choose another with --port N (or --port 0 for any free port).`);
    expect(await hashFolder(dataDir)).toEqual(before);
  } finally {
    blocker.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
