import { describe, expect, test } from 'vitest';
import { includeLine, renderHba, renderTuningConf, socketDirFor, tuneMemory, withInclude } from './postgres-conf';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

function settingsOf(conf: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const line of conf.split('\n')) {
    const match = /^(\w+) = ([^\t#]+)/.exec(line);
    if (match?.[1] && match[2]) settings.set(match[1], match[2].trim());
  }
  return settings;
}

describe('tuneMemory', () => {
  test('a quarter of RAM for shared_buffers, between 128MB and 512MB', () => {
    expect(tuneMemory(24 * GB).sharedBuffers).toBe(512 * MB);
    expect(tuneMemory(1 * GB).sharedBuffers).toBe(256 * MB);
    expect(tuneMemory(256 * MB).sharedBuffers).toBe(128 * MB);
  });

  test('the other memory settings stay within desktop-sized bounds', () => {
    const big = tuneMemory(256 * GB);
    expect(big.effectiveCache).toBe(8 * GB);
    expect(big.workMem).toBe(32 * MB);
    expect(big.maintenanceWorkMem).toBe(512 * MB);
    const small = tuneMemory(512 * MB);
    expect(small.workMem).toBe(4 * MB);
    expect(small.maintenanceWorkMem).toBe(64 * MB);
  });
});

describe('renderTuningConf', () => {
  const conf = renderTuningConf({ totalMemoryBytes: 8 * GB, cpuCount: 2, socketDir: '/data/pg' });
  const settings = settingsOf(conf);

  test('loopback only, socket inside the data folder, scram passwords', () => {
    expect(settings.get('listen_addresses')).toBe("'127.0.0.1'");
    expect(settings.get('unix_socket_directories')).toBe("'/data/pg'");
    expect(settings.get('password_encryption')).toBe("'scram-sha-256'");
  });

  test('durable commits, spread checkpoints, no JIT, stderr logging, pg_stat_statements', () => {
    expect(settings.get('synchronous_commit')).toBe('on');
    expect(settings.get('checkpoint_completion_target')).toBe('0.9');
    expect(settings.get('checkpoint_timeout')).toBe("'15min'");
    expect(settings.get('max_wal_size')).toBe("'2GB'");
    expect(settings.get('wal_compression')).toBe('on');
    expect(settings.get('jit')).toBe('off');
    expect(settings.get('logging_collector')).toBe('off');
    expect(settings.get('shared_preload_libraries')).toBe("'pg_stat_statements'");
    expect(settings.get('shared_buffers')).toBe('512MB');
    expect(settings.get('effective_cache_size')).toBe('4096MB');
  });

  test('no socket when the path is too long: an empty list means TCP only', () => {
    const tcpOnly = settingsOf(renderTuningConf({ totalMemoryBytes: 8 * GB, cpuCount: 2, socketDir: null }));
    expect(tcpOnly.get('unix_socket_directories')).toBe("''");
  });

  test('never sets the port (it is given on the command line)', () => {
    expect(settings.has('port')).toBe(false);
  });
});

describe('socketDirFor', () => {
  test('uses the cluster folder below 100 characters, none above or on Windows', () => {
    expect(socketDirFor('/home/t/.tickdesk/pg', 'linux')).toBe('/home/t/.tickdesk/pg');
    expect(socketDirFor(`/${'x'.repeat(120)}/pg`, 'linux')).toBeNull();
    expect(socketDirFor("/home/o'brien/pg", 'linux')).toBeNull();
    expect(socketDirFor('/data/a,b/pg', 'linux')).toBeNull();
    expect(socketDirFor('/Users/t/Library/Application Support/Tickdesk/pg', 'darwin')).toBe('/Users/t/Library/Application Support/Tickdesk/pg');
    expect(socketDirFor('C:\\tickdesk\\pg', 'win32')).toBeNull();
  });
});

describe('withInclude', () => {
  test('appends the include once', () => {
    const once = withInclude('max_connections = 100\n');
    expect(once).toContain(includeLine);
    expect(withInclude(once)).toBe(once);
    expect(once.startsWith('max_connections = 100\n')).toBe(true);
  });
});

describe('renderHba', () => {
  const hba = renderHba('tickdesk');
  const rules = hba.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));

  test('only scram-sha-256, only loopback and the local socket', () => {
    expect(rules).toHaveLength(3);
    for (const rule of rules) expect(rule.trim().endsWith('scram-sha-256')).toBe(true);
    expect(rules[0]).toMatch(/^local\s+all\s+tickdesk\s+scram-sha-256$/);
    expect(rules[1]).toMatch(/^host\s+all\s+all\s+127\.0\.0\.1\/32\s+scram-sha-256$/);
    expect(rules[2]).toMatch(/^host\s+all\s+all\s+::1\/128\s+scram-sha-256$/);
  });

  test('no trust, no replication', () => {
    expect(hba).not.toMatch(/\btrust\b/);
    expect(hba).not.toMatch(/replication/);
  });
});
