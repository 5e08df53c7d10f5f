import { describe, expect, test } from 'vitest';
import { isProcessAlive, parsePostmasterPid } from './postmaster-pid';

// As PostgreSQL 18 writes it (status padded to a fixed width).
const sample = ['4242', '/data/tickdesk/pg', '1763758537', '54329', '/data/tickdesk/pg', '127.0.0.1', '  1234567     98765', 'ready   ', ''].join('\n');

describe('parsePostmasterPid', () => {
  test('reads pid, folder, start time, port, socket, address and status', () => {
    expect(parsePostmasterPid(sample)).toEqual({
      pid: 4242,
      dataDir: '/data/tickdesk/pg',
      startedAt: new Date(1763758537 * 1000),
      port: 54329,
      socketDir: '/data/tickdesk/pg',
      listenAddress: '127.0.0.1',
      status: 'ready',
    });
  });

  test('a file still being written (pid only) gives what it has', () => {
    expect(parsePostmasterPid('4242\n')).toMatchObject({ pid: 4242, port: null, status: null, socketDir: null });
  });

  test('garbage is not a lock', () => {
    expect(parsePostmasterPid('')).toBeNull();
    expect(parsePostmasterPid('abc\n/data\n')).toBeNull();
  });
});

describe('isProcessAlive', () => {
  test('we are alive; an absurd pid is not', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(2 ** 22 + 12345)).toBe(false);
  });
});
