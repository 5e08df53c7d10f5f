import { describe, expect, test } from 'vitest';
import { backupIdSchema } from '../../src-shared/contract/domains/backup';
import { backupDirOf, compactUtc, isBackupId, keepCurrentNameFor, labelSlug, newBackupId } from './layout';

const at = new Date('2026-11-20T09:30:15.123Z');

describe('backup ids', () => {
  test('a UTC stamp and the label as a slug', () => {
    expect(compactUtc(at)).toBe('20261120T093015Z');
    expect(labelSlug('Before Expiry!')).toBe('before-expiry');
    expect(labelSlug('***')).toBe('');
    expect(newBackupId(at, 'Before Expiry!', new Set())).toBe('20261120T093015Z-before-expiry');
    expect(newBackupId(at, '', new Set())).toBe('20261120T093015Z');
    expect(keepCurrentNameFor(at)).toBe('pg.before-restore-20261120T093015Z');
  });

  test('a second backup in the same second gets a suffix, also against a partial one', () => {
    const taken = new Set(['20261120T093015Z-manual', '20261120T093015Z-manual-2.partial']);
    expect(newBackupId(at, 'manual', taken)).toBe('20261120T093015Z-manual-3');
  });

  test('every id we make is one the contract accepts, and nothing that climbs out is', () => {
    for (const label of ['manual', 'a'.repeat(80), 'x y z', '9']) {
      const id = newBackupId(at, label, new Set());
      expect(isBackupId(id)).toBe(true);
      expect(backupIdSchema.safeParse(id).success).toBe(true);
    }
    for (const bad of ['../etc', '20261120T093015Z/../../x', '20261120T093015Z-a.partial', '20261120T093015Z-', '']) {
      expect(isBackupId(bad)).toBe(false);
      expect(backupIdSchema.safeParse(bad).success).toBe(false);
    }
    expect(() => backupDirOf('/data', '../x')).toThrow(/not a backup id/);
  });
});
