import { describe, expect, it } from 'vitest';
import { addDays, istDayOf, istDayStartUtc } from '../../src-shared/market/ist-calendar';
import { parsePartitionRow, type ExistingPartition } from './partition-bounds';
import { planPartitions } from './partition-plan';
import { dayBounds, partitionName } from './partition-sql';

const TODAY = '2026-11-21';
const DEFAULT: ExistingPartition = { name: 'market_ticks_default', kind: 'default', fromMs: NaN, toMs: NaN };

function existingDays(table: string, from: string, count: number): ExistingPartition[] {
  return Array.from({ length: count }, (_, i) => {
    const day = addDays(from, i);
    const { fromMs, toMs } = dayBounds(day);
    return { name: partitionName(table, day), kind: 'range', fromMs, toMs };
  });
}

/** Which planned partition a row with this ts would land in (half-open ranges). */
function partitionOf(ranges: { name: string; fromMs: number; toMs: number }[], ts: number): string | undefined {
  return ranges.find((r) => ts >= r.fromMs && ts < r.toMs)?.name;
}

describe('planPartitions: creation', () => {
  it('creates today plus N days ahead with contiguous half-open bounds', () => {
    const plan = planPartitions({ table: 'market_ticks', today: TODAY, existing: [DEFAULT] });
    expect(plan.create.map((p) => p.name)).toEqual([
      'market_ticks_p20261121',
      'market_ticks_p20261122',
      'market_ticks_p20261123',
      'market_ticks_p20261124',
      'market_ticks_p20261125',
    ]);
    for (let i = 1; i < plan.create.length; i += 1) {
      expect(plan.create[i]?.fromMs).toBe(plan.create[i - 1]?.toMs);
    }
    expect(plan.create[0]?.fromMs).toBe(Date.parse('2026-11-20T18:30:00Z'));
    expect(plan.create[0]?.sql).toBe(
      `CREATE TABLE "market_ticks_p20261121" PARTITION OF "market_ticks" FOR VALUES FROM ('2026-11-21 00:00:00+05:30') TO ('2026-11-22 00:00:00+05:30')`,
    );
    expect(plan.defaultPartition).toBe('market_ticks_default');
    expect(plan.expire).toEqual([]);
  });

  it('puts 23:59:59.999 IST in that day and 00:00:00.000 IST in the next, leaving no gap', () => {
    const plan = planPartitions({ table: 'market_ticks', today: TODAY, existing: [] });
    const lastMs = istDayStartUtc('2026-11-22') - 1; // 2026-11-21 23:59:59.999 IST
    expect(istDayOf(lastMs)).toBe('2026-11-21');
    expect(partitionOf(plan.create, lastMs)).toBe('market_ticks_p20261121');
    expect(partitionOf(plan.create, lastMs + 1)).toBe('market_ticks_p20261122');
    // Every millisecond across the 5 days has exactly one home.
    const start = plan.create[0]?.fromMs ?? 0;
    const end = plan.create.at(-1)?.toMs ?? 0;
    for (let ts = start; ts < end; ts += 999_983) {
      expect(plan.create.filter((r) => ts >= r.fromMs && ts < r.toMs)).toHaveLength(1);
    }
  });

  it('creates only what is missing and reports partial overlaps instead of creating', () => {
    const existing = [
      DEFAULT,
      ...existingDays('market_ticks', TODAY, 2),
      // someone's hand-made range covering half of 2026-11-24
      { name: 'odd', kind: 'range' as const, fromMs: istDayStartUtc('2026-11-24') + 3_600_000, toMs: istDayStartUtc('2026-11-25') },
    ];
    const plan = planPartitions({ table: 'market_ticks', today: TODAY, existing });
    expect(plan.present).toEqual(['2026-11-21', '2026-11-22']);
    expect(plan.create.map((p) => p.day)).toEqual(['2026-11-23', '2026-11-25']);
    expect(plan.conflicts).toEqual([{ day: '2026-11-24', overlapping: ['odd'] }]);
  });
});

describe('planPartitions: retention', () => {
  it('keeps today and the 30 previous days; the 31st day back goes, exactly at the boundary', () => {
    const existing = [DEFAULT, ...existingDays('market_ticks', addDays(TODAY, -35), 40)];
    const plan = planPartitions({ table: 'market_ticks', today: TODAY, existing });
    expect(plan.cutoffDay).toBe('2026-10-22');
    expect(plan.cutoffMs).toBe(Date.parse('2026-10-21T18:30:00Z'));
    expect(plan.expire.map((p) => p.day)).toEqual(['2026-10-17', '2026-10-18', '2026-10-19', '2026-10-20', '2026-10-21']);
    expect(plan.expire.at(-1)?.toMs).toBe(plan.cutoffMs);
    expect(plan.expire.map((p) => p.name)).not.toContain('market_ticks_p20261022');
  });

  it('never touches the DEFAULT partition or foreign partitions', () => {
    const oldRange = { name: 'archive_2019', kind: 'range' as const, fromMs: Date.parse('2019-01-01T00:00:00Z'), toMs: Date.parse('2019-02-01T00:00:00Z') };
    const plan = planPartitions({ table: 'market_ticks', today: TODAY, existing: [DEFAULT, oldRange] });
    expect(plan.expire).toEqual([]);
    expect(plan.foreignExpired).toEqual(['archive_2019']);
    expect(plan.defaultPartition).toBe('market_ticks_default');
  });

  it('catches up after the app was closed for 40 days', () => {
    const lastRun = addDays(TODAY, -40);
    // The last run had kept 30 days back and made 4 ahead.
    const existing = [DEFAULT, ...existingDays('market_ticks', addDays(lastRun, -30), 35)];
    const plan = planPartitions({ table: 'market_ticks', today: TODAY, existing });
    expect(plan.create.map((p) => p.day)).toEqual(['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25']);
    // Everything the last run made ends before today − 30, so all of it expires; no past days are back-filled.
    expect(plan.expire).toHaveLength(35);
    expect(plan.expire[0]?.day).toBe(addDays(lastRun, -30));
    expect(plan.expire.at(-1)?.day).toBe(addDays(lastRun, 4));
  });

  it('serves market_depth with its own name and a 7-day retention', () => {
    const existing = existingDays('market_depth', addDays(TODAY, -10), 10);
    const plan = planPartitions({ table: 'market_depth', today: TODAY, retentionDays: 7, existing });
    expect(plan.expire.map((p) => p.name)).toEqual([
      'market_depth_p20261111',
      'market_depth_p20261112',
      'market_depth_p20261113',
    ]);
    expect(plan.create[0]?.name).toBe('market_depth_p20261121');
    // A market_ticks partition listed by mistake is foreign to market_depth.
    const mixed = planPartitions({ table: 'market_depth', today: TODAY, retentionDays: 7, existing: existingDays('market_ticks', '2026-11-01', 1) });
    expect(mixed.expire).toEqual([]);
    expect(mixed.foreignExpired).toEqual(['market_ticks_p20261101']);
  });

  it('refuses bad inputs', () => {
    expect(() => planPartitions({ table: 'market_ticks; drop', today: TODAY, existing: [] })).toThrow(RangeError);
    expect(() => planPartitions({ table: 'market_ticks', today: '2026-11-31', existing: [] })).toThrow(RangeError);
    expect(() => planPartitions({ table: 'market_ticks', today: TODAY, daysAhead: -1, existing: [] })).toThrow(RangeError);
    expect(() => planPartitions({ table: 'market_ticks', today: TODAY, retentionDays: 1.5, existing: [] })).toThrow(RangeError);
  });
});

describe('reading existing partitions from PostgreSQL', () => {
  it('plans the same whatever TimeZone the bounds were printed in', () => {
    const utcRows = [
      { name: 'market_ticks_p20261121', bound: "FOR VALUES FROM ('2026-11-20 18:30:00+00') TO ('2026-11-21 18:30:00+00')" },
      { name: 'market_ticks_p20261122', bound: "FOR VALUES FROM ('2026-11-22 00:00:00+05:30') TO ('2026-11-23 00:00:00+05:30')" },
      { name: 'market_ticks_default', bound: 'DEFAULT' },
    ].map(parsePartitionRow);
    const plan = planPartitions({ table: 'market_ticks', today: TODAY, existing: utcRows });
    expect(plan.present).toEqual(['2026-11-21', '2026-11-22']);
    expect(plan.create.map((p) => p.day)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
  });
});
