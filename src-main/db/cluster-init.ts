import { randomBytes } from 'node:crypto';
import { chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import type { PostgresBinaries } from './binaries';
import { runToCompletion } from './child-process';
import { markerFile } from './folder-check';
import { renderHba, withInclude } from './postgres-conf';
import type { RunAs } from './run-as';

export const superuser = 'tickdesk';

/** Writes a file in the cluster folder and hands it to the server's user. */
export async function writeClusterFile(path: string, content: string, runAs: RunAs | null, mode = 0o600): Promise<void> {
  await writeFile(path, content, { mode });
  if (runAs) await chown(path, runAs.uid, runAs.gid);
}

/**
 * First start: initdb, then our pg_hba.conf and the include of tickdesk.conf,
 * then the marker, last, so an interrupted run is recognisable afterwards.
 */
export async function initialiseCluster(
  dataDir: string,
  clusterDir: string,
  password: string,
  binaries: PostgresBinaries,
  runAs: RunAs | null,
  log: Logger,
): Promise<void> {
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  if (runAs) await chown(clusterDir, runAs.uid, runAs.gid);

  // initdb reads the password from a file; it sits in our own folder, readable
  // by the server's user only, for the few hundred milliseconds initdb runs.
  const pwfile = join(dataDir, `.initdb-pw-${randomBytes(6).toString('hex')}`);
  await writeClusterFile(pwfile, `${password}\n`, runAs);
  try {
    await runToCompletion(
      binaries.initdb,
      [
        `--pgdata=${clusterDir}`,
        `--username=${superuser}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // The builtin provider gives UTF-8 character semantics that do not
        // depend on the operating system's locales (and never change under us).
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
        '--data-checksums',
        '--no-instructions',
      ],
      runAs,
      log.child({ source: 'initdb' }),
    );
  } finally {
    await rm(pwfile, { force: true });
  }

  await writeFile(join(clusterDir, 'pg_hba.conf'), renderHba(superuser));
  const confPath = join(clusterDir, 'postgresql.conf');
  await writeFile(confPath, withInclude(await readFile(confPath, 'utf8')));
  const marker = { initialisedAt: new Date().toISOString(), postgres: binaries.version, by: 'tickdesk' };
  await writeClusterFile(join(clusterDir, markerFile), `${JSON.stringify(marker)}\n`, runAs);
}
