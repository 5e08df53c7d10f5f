import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ChainVerification } from '../../src-shared/contract/domains/audit';
import { UsageError } from './args';
import { formatVerification, parseAuditCommand } from './audit-commands';

describe('tickdesk audit / export argument parsing', () => {
  test('other commands are not ours', () => {
    expect(parseAuditCommand(['serve'])).toBeNull();
    expect(parseAuditCommand([])).toBeNull();
  });

  test('audit verify', () => {
    expect(parseAuditCommand(['audit', 'verify', '--data-dir', '/d', '--json'])).toEqual({ kind: 'audit-verify', dataDir: '/d', json: true });
    expect(() => parseAuditCommand(['audit', 'check'])).toThrow(UsageError);
  });

  test('export audit: a full command, symbol upper-cased, out resolved', () => {
    expect(parseAuditCommand(['export', 'audit', '--from', '2026-03-01', '--to', '2026-03-05', '--symbol', 'm&m', '--out', 'x.csv', '--bom'])).toEqual({
      kind: 'export-audit', dataDir: undefined, from: '2026-03-01', to: '2026-03-05', symbol: 'M&M', out: resolve('x.csv'), bom: true, json: false,
    });
  });

  test.each([
    [['--to', '2026-03-05', '--out', 'x.csv'], /--from is required/],
    [['--from', '2026-03-01', '--to', '2026-03-05'], /--out is required/],
    [['--from', '2026-03-06', '--to', '2026-03-05', '--out', 'x.csv'], /--from: The range is reversed/],
    [['--from', '2026-02-30', '--to', '2026-03-05', '--out', 'x.csv'], /--from: Not a real calendar date/],
    [['--from', '05-03-2026', '--to', '2026-03-05', '--out', 'x.csv'], /--from: Use a date as YYYY-MM-DD/],
    [['--from', '2026-03-01', '--to', '2026-03-05', '--symbol', '', '--out', 'x.csv'], /--symbol: The symbol must not be empty/],
    [['--from', '2026-03-01', '--to', '2026-03-05', '--symbol', '=cmd', '--out', 'x.csv'], /--symbol: A symbol holds/],
    [['--from', '2026-03-01', '--to', '2026-03-05', '--out', 'x.csv', '--sybmol', 'X'], /Unknown option/],
  ])('export audit %j is refused: %s', (args, message) => {
    expect(() => parseAuditCommand(['export', 'audit', ...args])).toThrow(message);
  });
});

describe('verify output', () => {
  const base: ChainVerification = { ok: true, complete: true, checked: 3, headEventId: 6, headHash: 'ab', firstBroken: null, elapsedMs: 4 };

  test('OK names the head', () => {
    expect(formatVerification(base)).toContain('3 events verified, head event 6');
  });

  test('BROKEN names the event, the link and both hashes', () => {
    const text = formatVerification({ ...base, ok: false, checked: 20, headHash: null, firstBroken: { eventId: 42, link: 'hash', expected: 'aa', found: 'bb' } });
    expect(text).toMatch(/BROKEN at event 42: its content does not match/);
    expect(text).toContain('expected aa');
    expect(text).toContain('found    bb');
  });
});
