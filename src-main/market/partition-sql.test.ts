import { describe, expect, it } from 'vitest';
import { parseBoundValue, parsePartitionRow } from './partition-bounds';
import {
  archiveCopySql,
  createPartitionFromDefaultSql,
  dayOfPartitionName,
  detachPartitionSql,
  dropPartitionSql,
  partitionName,
} from './partition-sql';

describe('partition SQL', () => {
  it('only touches names it generates', () => {
    expect(detachPartitionSql('market_ticks', 'market_ticks_p20261021')).toBe(
      'ALTER TABLE "market_ticks" DETACH PARTITION "market_ticks_p20261021"',
    );
    expect(dropPartitionSql('market_ticks', 'market_ticks_p20261021')).toBe('DROP TABLE IF EXISTS "market_ticks_p20261021"');
    expect(() => dropPartitionSql('market_ticks', 'market_ticks_default')).toThrow(RangeError);
    expect(() => dropPartitionSql('market_ticks', 'market_ticks_p20261321')).toThrow(RangeError);
    expect(() => detachPartitionSql('market_ticks', 'orders')).toThrow(RangeError);
    expect(() => dropPartitionSql('market_ticks', 'market_ticks_p20261021"; DROP TABLE orders; --')).toThrow(RangeError);
    expect(() => partitionName('Market-Ticks', '2026-11-21')).toThrow(RangeError);
    expect(dayOfPartitionName('market_ticks', 'market_ticks_p20280229')).toBe('2028-02-29');
    expect(dayOfPartitionName('market_ticks', 'market_ticks_p20270229')).toBeNull();
  });

  it('archives through COPY TO STDOUT', () => {
    expect(archiveCopySql('market_ticks', 'market_ticks_p20261021')).toBe(
      'COPY (SELECT * FROM "market_ticks_p20261021" ORDER BY "ts") TO STDOUT WITH (FORMAT csv, HEADER true)',
    );
  });

  it('moves a day out of DEFAULT under a lock, then creates the partition', () => {
    const sql = createPartitionFromDefaultSql('market_ticks', '2026-11-21', 'market_ticks_default');
    expect(sql[0]).toBe('LOCK TABLE "market_ticks" IN ACCESS EXCLUSIVE MODE');
    expect(sql[2]).toBe(
      `DELETE FROM "market_ticks_default" WHERE "ts" >= '2026-11-21 00:00:00+05:30' AND "ts" < '2026-11-22 00:00:00+05:30'`,
    );
    expect(sql[3]).toContain('PARTITION OF "market_ticks"');
    expect(sql).toHaveLength(5);
  });
});

describe('partition bounds parser', () => {
  it('reads timestamptz literals in any offset', () => {
    expect(parseBoundValue("'2026-11-20 18:30:00+00'")).toBe(Date.parse('2026-11-20T18:30:00Z'));
    expect(parseBoundValue("'2026-11-21 00:00:00+05:30'")).toBe(Date.parse('2026-11-20T18:30:00Z'));
    expect(parseBoundValue("'2026-11-20 13:30:00.25-05'")).toBe(Date.parse('2026-11-20T18:30:00.250Z'));
    expect(parseBoundValue('MINVALUE')).toBe(-Infinity);
    expect(parseBoundValue("'2026-11-20 18:30:00'")).toBeNaN();
  });

  it('classifies rows and never throws', () => {
    expect(parsePartitionRow({ name: 'd', bound: 'DEFAULT' }).kind).toBe('default');
    expect(parsePartitionRow({ name: 'x', bound: "FOR VALUES IN ('a')" }).kind).toBe('other');
    expect(parsePartitionRow({ name: 'y', bound: null }).kind).toBe('other');
    const r = parsePartitionRow({ name: 'z', bound: "FOR VALUES FROM (MINVALUE) TO ('2026-01-01 00:00:00+05:30')" });
    expect(r).toMatchObject({ kind: 'range', fromMs: -Infinity, toMs: Date.parse('2025-12-31T18:30:00Z') });
  });
});
