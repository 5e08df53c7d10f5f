import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Written last by initialisation: without it a non-empty cluster folder is half-made. */
export const markerFile = 'tickdesk-initialised';

export type ClusterFolder =
  | { kind: 'new' }
  | { kind: 'initialised'; major: string }
  | { kind: 'other-version'; major: string }
  | { kind: 'half-initialised'; missing: string };

/** What a look at the cluster folder found, before anything is decided. */
export interface FolderFacts {
  /** null when the folder does not exist. */
  entries: string[] | null;
  /** Trimmed content of PG_VERSION, or null when absent. */
  pgVersion: string | null;
}

/**
 * Decides what to do with the cluster folder. The version check comes first:
 * a folder from another major release is recognisable even without our marker.
 */
export function classifyClusterFolder(facts: FolderFacts, bundledMajor: string): ClusterFolder {
  const entries = facts.entries ?? [];
  if (entries.length === 0) return { kind: 'new' };
  if (facts.pgVersion !== null && facts.pgVersion !== bundledMajor) return { kind: 'other-version', major: facts.pgVersion };
  if (facts.pgVersion === null) return { kind: 'half-initialised', missing: 'PG_VERSION' };
  if (!entries.includes(markerFile)) return { kind: 'half-initialised', missing: markerFile };
  return { kind: 'initialised', major: facts.pgVersion };
}

/** The one sentence the trader reads when the folder cannot be used; null when it can. */
export function folderProblem(folder: ClusterFolder, clusterDir: string, bundledMajor: string): string | null {
  switch (folder.kind) {
    case 'new':
    case 'initialised':
      return null;
    case 'other-version':
      return (
        `The data folder ${clusterDir} was made by PostgreSQL ${folder.major}; this Tickdesk bundles PostgreSQL ${bundledMajor}. ` +
        `Upgrade it with pg_upgrade or choose another --data-dir; nothing was deleted.`
      );
    case 'half-initialised':
      return (
        `The data folder ${clusterDir} looks half-initialised (${folder.missing} is missing), probably from an interrupted first start; ` +
        `move it aside (e.g. rename it to pg.broken) and start again; nothing was deleted.`
      );
  }
}

export async function readFolderFacts(clusterDir: string): Promise<FolderFacts> {
  let entries: string[] | null;
  try {
    entries = await readdir(clusterDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    entries = null;
  }
  let pgVersion: string | null = null;
  if (entries?.includes('PG_VERSION')) pgVersion = (await readFile(join(clusterDir, 'PG_VERSION'), 'utf8')).trim();
  return { entries, pgVersion };
}

export async function inspectClusterFolder(clusterDir: string, bundledMajor: string): Promise<ClusterFolder> {
  return classifyClusterFolder(await readFolderFacts(clusterDir), bundledMajor);
}

/**
 * Creates the data folder if needed and proves we can write in it, so an
 * unwritable place fails with a sentence rather than deep inside initdb.
 */
export async function ensureWritableDataDir(dataDir: string): Promise<void> {
  const probe = join(dataDir, `.tickdesk-write-test-${process.pid}`);
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const info = await stat(dataDir);
    if (!info.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    await writeFile(probe, 'ok');
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(
      `Tickdesk cannot write to its data folder ${dataDir} (${code}); choose a writable folder with --data-dir or TICKDESK_HOME.`,
      { cause: error },
    );
  }
}
