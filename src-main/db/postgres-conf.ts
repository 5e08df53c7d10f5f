/** Facts about the machine the settings are sized for. */
export interface MachineFacts {
  totalMemoryBytes: number;
  cpuCount: number;
  /** Folder for the Unix socket, or null when its path would be too long. */
  socketDir: string | null;
}

const MB = 1024 * 1024;

/** The file our settings live in, included from postgresql.conf. */
export const tuningFile = 'tickdesk.conf';
export const includeLine = `include_if_exists = '${tuningFile}'`;

/**
 * A Unix socket path (dir + "/.s.PGSQL.65535") must fit in sockaddr_un's
 * 108 bytes; past ~100 characters for the folder we go TCP-only.
 */
export function socketDirFor(clusterDir: string, platform: string = process.platform): string | null {
  if (platform === 'win32') return null;
  // Quotes, commas and backslashes would need escaping in the setting's list syntax.
  return clusterDir.length < 100 && !/['",\\\n]/.test(clusterDir) ? clusterDir : null;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function mb(bytes: number): string {
  return `${Math.max(1, Math.floor(bytes / MB))}MB`;
}

export interface Tuning {
  sharedBuffers: number;
  effectiveCache: number;
  workMem: number;
  maintenanceWorkMem: number;
}

/**
 * Modest by design: this PostgreSQL shares a desktop with a trading UI and a
 * browser, so a quarter of RAM is the ceiling and 512MB the cap.
 */
export function tuneMemory(totalMemoryBytes: number): Tuning {
  return {
    sharedBuffers: clamp(totalMemoryBytes / 4, 128 * MB, 512 * MB),
    effectiveCache: clamp(totalMemoryBytes / 2, 256 * MB, 8192 * MB),
    workMem: clamp(totalMemoryBytes / 512, 4 * MB, 32 * MB),
    maintenanceWorkMem: clamp(totalMemoryBytes / 32, 64 * MB, 512 * MB),
  };
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The content of tickdesk.conf; rewritten at each start, so it follows the machine. */
export function renderTuningConf(machine: MachineFacts): string {
  const tuning = tuneMemory(machine.totalMemoryBytes);
  const workers = clamp(machine.cpuCount, 2, 8);
  const settings: Array<[string, string, string?]> = [
    ['listen_addresses', quote('127.0.0.1'), 'loopback only; the port is given on the command line'],
    ['unix_socket_directories', quote(machine.socketDir ?? ''), 'inside the data folder, or none when its path is too long'],
    ['max_connections', '50'],
    ['password_encryption', quote('scram-sha-256')],
    ['shared_buffers', mb(tuning.sharedBuffers)],
    ['effective_cache_size', mb(tuning.effectiveCache)],
    ['work_mem', mb(tuning.workMem)],
    ['maintenance_work_mem', mb(tuning.maintenanceWorkMem)],
    ['max_worker_processes', String(workers + 2)],
    ['max_parallel_workers', String(workers)],
    ['max_parallel_workers_per_gather', String(Math.max(1, Math.floor(workers / 2)))],
    ['synchronous_commit', 'on', 'the order ledger must survive a power cut'],
    ['wal_compression', 'on'],
    ['checkpoint_timeout', quote('15min')],
    ['checkpoint_completion_target', '0.9', 'spread checkpoint writes out'],
    ['max_wal_size', quote('2GB'), 'tick ingestion writes a lot of WAL; fewer forced checkpoints'],
    ['min_wal_size', quote('256MB')],
    ['shared_preload_libraries', quote('pg_stat_statements')],
    ['jit', 'off', 'faster start and no surprise compile pauses for short queries'],
    ['timezone', quote('UTC'), 'stored in UTC, shown in IST by the app'],
    ['log_timezone', quote('UTC')],
    ['logging_collector', 'off', 'the server logs to stderr, which Tickdesk captures'],
    ['log_destination', quote('stderr')],
    ['log_line_prefix', quote('%m [%p] ')],
    ['log_checkpoints', 'off'],
  ];
  const lines = settings.map(([name, value, why]) => (why ? `${name} = ${value}\t# ${why}` : `${name} = ${value}`));
  return [
    '# Written by Tickdesk at every start, sized for this machine; edits here are overwritten.',
    '# Put your own settings in postgresql.auto.conf (ALTER SYSTEM), which wins over this file.',
    ...lines,
    '',
  ].join('\n');
}

/** Appends the include line once; postgresql.conf stays otherwise as initdb wrote it. */
export function withInclude(postgresqlConf: string): string {
  if (postgresqlConf.split('\n').some((line) => line.trim() === includeLine)) return postgresqlConf;
  const separator = postgresqlConf.endsWith('\n') ? '' : '\n';
  return `${postgresqlConf}${separator}\n# Tickdesk's settings (see ${tuningFile})\n${includeLine}\n`;
}

/**
 * Password (scram-sha-256) from loopback and the local socket, and nothing
 * else: no trust lines, no replication, no other hosts.
 */
export function renderHba(superuser: string): string {
  return [
    '# Written by Tickdesk: only password (scram-sha-256) logins from this machine.',
    '# TYPE  DATABASE  USER  ADDRESS       METHOD',
    `local   all       ${superuser}                scram-sha-256`,
    'host    all       all   127.0.0.1/32  scram-sha-256',
    'host    all       all   ::1/128       scram-sha-256',
    '',
  ].join('\n');
}
