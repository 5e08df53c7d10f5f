import { describe, expect, test } from 'vitest';
import { UsageError } from './args';
import { parseBackupCommand } from './backup-args';
import { formatSize, progressLine } from './backup-progress';

describe('tickdesk backup arguments', () => {
  test('other commands are not ours', () => {
    expect(parseBackupCommand(['db', 'status'])).toBeNull();
    expect(parseBackupCommand([])).toBeNull();
  });

  test('create, list, verify and restore with their options', () => {
    expect(parseBackupCommand(['backup', 'create'])).toEqual({ kind: 'backup', action: 'create', label: 'manual', dataDir: undefined, json: false });
    expect(parseBackupCommand(['backup', 'create', '--label', 'before expiry', '--data-dir', '/d', '--json'])).toEqual({
      kind: 'backup',
      action: 'create',
      label: 'before expiry',
      dataDir: '/d',
      json: true,
    });
    expect(parseBackupCommand(['backup', 'list', '--json'])).toEqual({ kind: 'backup', action: 'list', dataDir: undefined, json: true });
    expect(parseBackupCommand(['backup', 'verify', '20261120T093015Z-manual', '--deep'])).toEqual({
      kind: 'backup',
      action: 'verify',
      id: '20261120T093015Z-manual',
      deep: true,
      dataDir: undefined,
      json: false,
    });
    expect(parseBackupCommand(['backup', 'restore', '20261120T093015Z', '--into', '/fresh'])).toMatchObject({ action: 'restore', id: '20261120T093015Z', into: '/fresh' });
    expect(parseBackupCommand(['backup', '--help'])).toEqual({ kind: 'help' });
  });

  test.each([
    [['backup'], /name a subcommand/],
    [['backup', 'make'], /unknown subcommand 'make'/],
    [['backup', 'verify'], /name the backup/],
    [['backup', 'verify', '../../etc'], /'..\/..\/etc' is not a backup ID/],
    [['backup', 'restore', '20261120T093015Z', 'extra'], /unexpected argument 'extra'/],
    [['backup', 'create', '--label', 'a/b'], /a label is 1 to 40/],
    [['backup', 'create', '--deep'], /Unknown option '--deep'/],
    [['backup', 'list', '--data-dir', ' '], /--data-dir needs a value/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseBackupCommand(argv)).toThrow(UsageError);
    expect(() => parseBackupCommand(argv)).toThrow(message);
  });
});

describe('the progress line', () => {
  test('percent, bytes and files', () => {
    expect(progressLine({ phase: 'copying', bytesDone: 1024 * 1024 * 21, bytesTotal: 1024 * 1024 * 50, filesDone: 600, filesTotal: 1384, message: null })).toBe(
      'Copying   42%  21.0 MB / 50.0 MB  (600/1384 files)',
    );
    expect(progressLine({ phase: 'starting', bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0, message: null })).toBe('Starting     -  0 B / 0 B');
    expect(formatSize(812 * 1024)).toBe('812 KB');
  });
});
