import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import type { BackupAction, BackupCommand } from './backup-args';
import { runBackupCommand, type BackupCliDeps } from './backup-commands';

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function fakeDeps() {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const deps: BackupCliDeps = {
    io: {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      exit: (code) => {
        throw new Exit(code);
      },
    },
    progress: { write: (text) => progress.push(text), tty: false },
  };
  return { deps, out, err, progress };
}

let db: TestDatabase;
const made: string[] = [];

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  await db?.cleanup();
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

const run = (action: BackupAction, deps: BackupCliDeps) => {
  const command: BackupCommand = { kind: 'backup', dataDir: undefined, ...action };
  return runBackupCommand(command, db.dataDir, deps);
};

describe('tickdesk backup (CLI)', () => {
  test('create while the app runs uses its server, with progress lines; list shows it', async () => {
    const created = fakeDeps();
    await run({ action: 'create', label: 'cli', json: true }, created.deps);
    const info = JSON.parse(created.out[0] ?? '{}') as { id: string; sizeBytes: number };
    expect(info.id).toMatch(/-cli$/);
    expect(created.progress.some((line) => line.startsWith('Copying'))).toBe(true);
    expect(created.progress.at(-1)).toMatch(/^Done {2}100%/);

    const listed = fakeDeps();
    await run({ action: 'list', json: false }, listed.deps);
    expect(listed.out[0]).toContain(info.id);
    expect(listed.out[0]).toContain('never verified');
  });

  test('create with the app stopped starts the database for the duration; verify; restore --into', async () => {
    await db.service.stop();
    const created = fakeDeps();
    await run({ action: 'create', label: 'offline', json: true }, created.deps);
    const { id } = JSON.parse(created.out[0] ?? '{}') as { id: string };
    expect(db.service.status().state).toBe('stopped');

    const verified = fakeDeps();
    await run({ action: 'verify', id, deep: false, json: false }, verified.deps);
    expect(verified.out[0]).toMatch(new RegExp(`^Backup ${id} is good: \\d+ files match the manifest\\.$`));

    const into = await mkdtemp(join(tmpdir(), 'tickdesk-cli-restore-'));
    made.push(into);
    const restored = fakeDeps();
    await run({ action: 'restore', id, into, json: false }, restored.deps);
    expect(restored.out[0]).toMatch(/^Restore of .* staged in .*\. It replaces the database at the next start; the current database is kept as .*pg\.before-restore-/);
  });

  test('an unknown backup exits 1 with the sentence', async () => {
    const missing = fakeDeps();
    await expect(run({ action: 'verify', id: '20200101T000000Z', deep: false, json: false }, missing.deps)).rejects.toEqual(new Exit(1));
    expect(missing.err[0]).toMatch(/^Tickdesk: There is no backup 20200101T000000Z in /);
  });
});
