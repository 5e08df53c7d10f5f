import { chmod, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Logger } from '../log';
import type { RunAs } from './run-as';

interface Owned {
  mode: number;
  uid: number;
  gid: number;
}

/**
 * Whether `who` may enter (search) a directory. Node drops supplementary
 * groups when it spawns with uid/gid, so only the primary group counts.
 */
export function canTraverse(entry: Owned, who: { uid: number; gid: number }): boolean {
  if (who.uid === 0) return true;
  if (entry.uid === who.uid) return (entry.mode & 0o100) !== 0;
  if (entry.gid === who.gid) return (entry.mode & 0o010) !== 0;
  return (entry.mode & 0o001) !== 0;
}

/** "/a/b/c" -> ["/", "/a", "/a/b"]: the folders one passes through to reach it. */
export function ancestorsOf(path: string): string[] {
  const chain: string[] = [];
  let current = dirname(resolve(path));
  for (;;) {
    chain.unshift(current);
    const parent = dirname(current);
    if (parent === current) return chain;
    current = parent;
  }
}

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/**
 * When PostgreSQL runs as another user (we are root), that user must be able to
 * walk down to the data folder and to the bundled programs. Tickdesk's own
 * folder is opened for traversal only (o+x, not listing); an ancestor we do
 * not own is never changed: we say which one blocks and what to do instead.
 */
export async function ensureReachable(dataDir: string, binaryDir: string, runAs: RunAs, log: Logger): Promise<void> {
  for (const folder of ancestorsOf(dataDir)) {
    const info = await stat(folder);
    if (!canTraverse(info, runAs)) {
      throw new Error(
        `PostgreSQL runs as the "${runAs.user}" user (Tickdesk runs as root), which cannot enter ${folder} (mode ${octal(info.mode)}); ` +
          `put the data somewhere it can reach, e.g. --data-dir /var/lib/tickdesk or TICKDESK_HOME=/var/lib/tickdesk.`,
      );
    }
  }
  const own = await stat(dataDir);
  if (!canTraverse(own, runAs)) {
    const mode = (own.mode & 0o7777) | 0o011;
    await chmod(dataDir, mode);
    log.info('opened the data folder for traversal (not listing) so the postgres user can reach its cluster', {
      dataDir,
      from: octal(own.mode),
      to: octal(mode),
    });
  }
  for (const folder of [...ancestorsOf(binaryDir), resolve(binaryDir)]) {
    const info = await stat(folder);
    if (!canTraverse(info, runAs)) {
      throw new Error(
        `PostgreSQL runs as the "${runAs.user}" user, which cannot reach the bundled programs in ${binaryDir} because ${folder} is closed to it (mode ${octal(info.mode)}); install Tickdesk outside that folder.`,
      );
    }
  }
}
