import { describe, expect, test } from 'vitest';
import { bundledMigrations, migrationNameOf, sqlMigrationProvider, toMigrationSources } from './migrator';

describe('migration names', () => {
  test('come from NNNN_name.sql files', () => {
    expect(migrationNameOf('../../migrations/0001_core.sql')).toBe('0001_core');
    expect(migrationNameOf('0012_market_ticks.sql')).toBe('0012_market_ticks');
    expect(migrationNameOf('../../migrations/core.sql')).toBeNull();
    expect(migrationNameOf('../../migrations/0001-Core.sql')).toBeNull();
  });

  test('a badly named file is refused with its path', () => {
    expect(() => toMigrationSources({ '../../migrations/init.sql': 'SELECT 1' })).toThrow(
      'The migration file ../../migrations/init.sql is not named NNNN_lower_snake.sql; rename it.',
    );
  });
});

describe('bundled migrations', () => {
  test('are inlined from migrations/*.sql, in order, starting at 0001', () => {
    const names = Object.keys(bundledMigrations);
    expect(names.length).toBeGreaterThan(0);
    expect(names[0]).toMatch(/^0001_/);
    expect(names).toEqual([...names].sort());
    for (const text of Object.values(bundledMigrations)) expect(text.trim().length).toBeGreaterThan(0);
  });

  test('the provider makes forward-only migrations', async () => {
    const migrations = await sqlMigrationProvider({ '0001_a': 'SELECT 1' }).getMigrations();
    expect(Object.keys(migrations)).toEqual(['0001_a']);
    expect(migrations['0001_a']?.down).toBeUndefined();
    expect(typeof migrations['0001_a']?.up).toBe('function');
  });
});
