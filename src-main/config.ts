import { homedir as osHomedir } from 'node:os';
import path from 'node:path';

export interface DataDirInputs {
  /** `--data-dir DIR` from the command line. */
  cliDataDir?: string | undefined;
  env: NodeJS.ProcessEnv;
  /** Electron's `app.getPath('userData')`, when running inside Electron. */
  electronUserData?: string | undefined;
  platform?: NodeJS.Platform;
  homedir?: string;
  /** Effective user id; undefined on Windows. */
  uid?: number | undefined;
  /** Base for relative paths (tests pin it). */
  cwd?: string;
}

/** Where a root-run server keeps its data on Linux and macOS. */
export const ROOT_DATA_DIR = '/var/lib/tickdesk';

/**
 * Picks Tickdesk's data folder: `--data-dir` > `TICKDESK_HOME` > Electron's
 * userData > the platform's per-user data folder. The result is absolute.
 *
 * Running as root on Linux or macOS, the default is /var/lib/tickdesk rather
 * than root's home: PostgreSQL refuses to run as root, so the bundled server
 * runs as an unprivileged user, and that user cannot enter root's 0700 home.
 */
export function resolveDataDir(inputs: DataDirInputs): string {
  const platform = inputs.platform ?? process.platform;
  const p = platform === 'win32' ? path.win32 : path.posix;
  const cwd = inputs.cwd ?? process.cwd();
  const absolute = (dir: string): string => p.resolve(cwd, dir);
  const nonEmpty = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

  if (nonEmpty(inputs.cliDataDir)) return absolute(inputs.cliDataDir);
  if (nonEmpty(inputs.env.TICKDESK_HOME)) return absolute(inputs.env.TICKDESK_HOME);
  if (nonEmpty(inputs.electronUserData)) return absolute(inputs.electronUserData);

  const uid = 'uid' in inputs ? inputs.uid : process.getuid?.();
  if (uid === 0 && (platform === 'linux' || platform === 'darwin')) return ROOT_DATA_DIR;

  const home = inputs.homedir ?? osHomedir();
  switch (platform) {
    case 'darwin':
      return p.resolve(home, 'Library', 'Application Support', 'Tickdesk');
    case 'win32': {
      const appData = nonEmpty(inputs.env.APPDATA) ? inputs.env.APPDATA : p.join(home, 'AppData', 'Roaming');
      return p.resolve(appData, 'Tickdesk');
    }
    default: {
      // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
      const xdg = inputs.env.XDG_DATA_HOME;
      const base = nonEmpty(xdg) && p.isAbsolute(xdg) ? xdg : p.join(home, '.local', 'share');
      return p.resolve(base, 'tickdesk');
    }
  }
}
