import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { isExcluded, listClusterFiles } from './cluster-files';

describe('isExcluded', () => {
  test.each([
    'postmaster.pid',
    'postmaster.opts',
    'backup_label',
    'tablespace_map',
    'pg_wal/000000010000000000000001',
    'pg_wal/archive_status/000000010000000000000001.done',
    'pg_replslot/slot/state',
    'pg_stat_tmp/global.stat',
    'pg_subtrans/0000',
    'pg_notify/0000',
    'pg_serial/0000',
    'pg_snapshots/00000003-00000002-1',
    'pg_dynshmem/mmap.1',
    'base/pgsql_tmp/pgsql_tmp123.0',
    'base/5/pgsql_tmp',
    'global/pg_internal.init',
    'base/5/pg_internal.init',
    '.s.PGSQL.5432',
    '.s.PGSQL.5432.lock',
    'base/5/t3_16384',
    'base/5/t3_16384_fsm',
    'base/5/t12_99.1',
  ])('leaves out %s', (path) => {
    expect(isExcluded(path)).toBe(true);
  });

  test.each([
    'pg_wal',
    'pg_replslot',
    'PG_VERSION',
    'postgresql.conf',
    'postgresql.auto.conf',
    'tickdesk.conf',
    'tickdesk-initialised',
    'global/pg_control',
    'global/1262',
    'base/5/16384',
    'base/5/16384.1',
    'base/5/16384_vm',
    'pg_xact/0000',
    'pg_multixact/offsets/0000',
    'pg_logical/replorigin_checkpoint',
    // Only a file at the top is the server's lock; a relation can't be named so, but a folder entry may.
    'base/5/postmaster.pid',
  ])('copies %s', (path) => {
    expect(isExcluded(path)).toBe(false);
  });
});

describe('listClusterFiles', () => {
  let dir: string;
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function cluster(files: string[]): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'tickdesk-cluster-files-'));
    for (const file of files) {
      await mkdir(join(dir, file, '..'), { recursive: true });
      await writeFile(join(dir, file), file);
    }
    return dir;
  }

  test('lists what to copy with sizes, keeps emptied folders and pg_wal’s own, pg_control last', async () => {
    const root = await cluster([
      'PG_VERSION',
      'global/pg_control',
      'global/1262',
      'base/5/16384',
      'pg_wal/000000010000000000000001',
      'pg_wal/archive_status/x.done',
      'pg_wal/summaries/y',
      'pg_stat_tmp/db.stat',
      'postmaster.pid',
    ]);
    const listing = await listClusterFiles(root);
    expect(listing.files.map((file) => file.path)).toEqual(['PG_VERSION', 'base/5/16384', 'global/1262', 'global/pg_control']);
    expect(listing.files[0]).toEqual({ path: 'PG_VERSION', size: 'PG_VERSION'.length });
    expect(listing.dirs).toEqual(['base', 'base/5', 'global', 'pg_stat_tmp', 'pg_wal', 'pg_wal/archive_status', 'pg_wal/summaries']);
  });

  test('skips sockets and refuses a symbolic link (a tablespace)', async () => {
    const root = await cluster(['PG_VERSION']);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(root, 'sock'), resolve));
    try {
      await mkdir(join(root, 'pg_tblspc'));
      expect((await listClusterFiles(root)).files.map((file) => file.path)).toEqual(['PG_VERSION']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await symlink('/tmp', join(root, 'pg_tblspc', '16999'));
    await expect(listClusterFiles(root)).rejects.toThrow(/symbolic link at pg_tblspc\/16999/);
  });
});
