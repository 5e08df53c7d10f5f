import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Which parts of a running cluster a file-level backup leaves out, following
 * what PostgreSQL's own base backup skips (basebackup.c): runtime state the
 * server rebuilds at start, and the WAL, which is copied separately after
 * pg_backup_stop (only the segments the backup needs).
 */
const contentsExcluded = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);

const filesExcluded = new Set([
  'postmaster.pid',
  'postmaster.opts',
  // Written by us from pg_backup_stop's answer; a stale one must never be copied.
  'backup_label',
  'tablespace_map',
  'backup_manifest',
  'postgresql.auto.conf.tmp',
  'current_logfiles.tmp',
]);

/** Temporary relations (t<backend>_<relfilenode>[_fork][.segment]) die with their session. */
const tempRelation = /^t\d+_\d+(?:_(?:fsm|vm|init))?(?:\.\d+)?$/;

/** Whether a path relative to the cluster folder ("base/5/16384") is left out of a backup. */
export function isExcluded(relativePath: string): boolean {
  const parts = relativePath.split('/');
  const name = parts[parts.length - 1] ?? '';
  const top = parts[0] ?? '';
  if (parts.length === 1 && filesExcluded.has(name)) return true;
  // Contents only: the folder itself is recreated empty, since the server needs it.
  if (parts.length > 1 && contentsExcluded.has(top)) return true;
  if (name.startsWith('pgsql_tmp')) return true;
  // The relation cache init file is rebuilt at start and must not be restored stale.
  if (name === 'pg_internal.init') return true;
  // Unix sockets and their lock files (the socket folder is the cluster folder).
  if (parts.length === 1 && name.startsWith('.s.PGSQL.')) return true;
  if (top === 'base' && parts.length === 3 && tempRelation.test(name)) return true;
  return false;
}

export interface ClusterEntry {
  /** Relative to the cluster folder, with "/" separators. */
  path: string;
  size: number;
}

export interface ClusterListing {
  /** Folders to recreate, parents first (including pg_wal and the emptied ones). */
  dirs: string[];
  files: ClusterEntry[];
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** pg_wal's own folders (archive_status, summaries) must exist, empty, in a restored cluster. */
async function walSubfolders(walDir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(walDir, { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(`pg_wal/${entry.name}`);
  }
  return found.sort();
}

/**
 * Lists what a backup copies. Files that vanish while we look (a dropped
 * partition, a temporary file) are simply not there; a symbolic link means a
 * tablespace or a moved pg_wal, which this backup does not follow.
 */
export async function listClusterFiles(clusterDir: string): Promise<ClusterListing> {
  const dirs: string[] = [];
  const files: ClusterEntry[] = [];
  const walk = async (relative: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(relative ? join(clusterDir, relative) : clusterDir);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT' && relative) return;
      throw error;
    }
    names.sort();
    for (const name of names) {
      const path = relative ? `${relative}/${name}` : name;
      if (isExcluded(path)) continue;
      let info;
      try {
        info = await lstat(join(clusterDir, path));
      } catch (error) {
        if (errnoOf(error) === 'ENOENT') continue;
        throw error;
      }
      if (info.isSymbolicLink()) {
        throw new Error(
          `The cluster has a symbolic link at ${path} (a tablespace or a moved pg_wal); Tickdesk's backup copies one folder only, so it cannot back this cluster up.`,
        );
      }
      if (info.isDirectory()) {
        dirs.push(path);
        if (path === 'pg_wal') dirs.push(...(await walSubfolders(join(clusterDir, path))));
        await walk(path);
      } else if (info.isFile()) {
        files.push({ path, size: info.size });
      }
      // Sockets, FIFOs and devices carry no data.
    }
  };
  await walk('');
  // pg_control last: it is read after every other file, so it describes a
  // state no older than the data copied before it (as pg_basebackup does).
  const control = files.findIndex((file) => file.path === 'global/pg_control');
  if (control >= 0) files.push(...files.splice(control, 1));
  return { dirs, files };
}
