/**
 * What the partition manager should do today, as data: which IST-day
 * partitions to create and which have aged out of the retention. Pure — the
 * caller reads the existing partitions (LIST_PARTITIONS_SQL + parsePartitionRows),
 * runs the SQL from partition-sql.ts, and decides drop versus archive.
 *
 * Retention of R days keeps today and the R previous IST days whole: a
 * partition goes once its upper bound is at or before 00:00 IST of today − R.
 * Only partitions whose names this module generates are ever planned for
 * removal; the DEFAULT partition and anything foreign are left alone and
 * reported, so a hand-made partition is never dropped by surprise.
 */
import { addDays, istDayStartUtc, parseIstDay, type IstDay } from '../../src-shared/market/ist-calendar';
import type { ExistingPartition } from './partition-bounds';
import { assertTableName, createPartitionSql, dayBounds, dayOfPartitionName, partitionName } from './partition-sql';

export interface PartitionPolicy {
  table: string;
  /** Days after today to prepare; default 4. */
  daysAhead: number;
  /** Whole IST days kept before today; default 30. */
  retentionDays: number;
}

/** The two partitioned tables of the market data path and their defaults. */
export const PARTITION_POLICIES = {
  market_ticks: { table: 'market_ticks', daysAhead: 4, retentionDays: 30 },
  market_depth: { table: 'market_depth', daysAhead: 4, retentionDays: 7 },
} as const satisfies Record<string, PartitionPolicy>;

export interface PartitionPlanInput {
  table: string;
  /** The IST day the plan is made on (istDayOf(now)). */
  today: IstDay;
  daysAhead?: number;
  retentionDays?: number;
  existing: readonly ExistingPartition[];
}

export interface PlannedPartition {
  name: string;
  day: IstDay;
  fromMs: number;
  toMs: number;
  sql: string;
}

export interface ExpiredPartition {
  name: string;
  day: IstDay;
  fromMs: number;
  toMs: number;
}

export interface PartitionPlan {
  table: string;
  today: IstDay;
  /** Partitions ending at or before this instant (00:00 IST of cutoffDay) are expired. */
  cutoffDay: IstDay;
  cutoffMs: number;
  /** In day order. */
  create: PlannedPartition[];
  /** Oldest first; to be detached then dropped or archived. */
  expire: ExpiredPartition[];
  /** Days in [today, today + N] already covered exactly by an existing partition. */
  present: IstDay[];
  /** Days that cannot be created because an existing partition overlaps part of them. */
  conflicts: { day: IstDay; overlapping: string[] }[];
  /** Expired by bounds, but not named like ours (or not day-shaped): left alone, reported. */
  foreignExpired: string[];
  /** The DEFAULT partition's name, if any; never touched. */
  defaultPartition: string | null;
}

function assertDayCount(value: number, what: string, max: number): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} must be a whole number of days between 0 and ${max}, got ${value}`);
  }
  return value;
}

export function planPartitions(input: PartitionPlanInput): PartitionPlan {
  const table = assertTableName(input.table);
  const today = parseIstDay(input.today);
  const daysAhead = assertDayCount(input.daysAhead ?? 4, 'daysAhead', 60);
  const retentionDays = assertDayCount(input.retentionDays ?? 30, 'retentionDays', 36_500);
  const ranges = input.existing.filter((p) => p.kind === 'range');

  const create: PlannedPartition[] = [];
  const present: IstDay[] = [];
  const conflicts: PartitionPlan['conflicts'] = [];
  for (let offset = 0; offset <= daysAhead; offset += 1) {
    const day = addDays(today, offset);
    const { fromMs, toMs } = dayBounds(day);
    if (ranges.some((p) => p.fromMs === fromMs && p.toMs === toMs)) {
      present.push(day);
      continue;
    }
    const overlapping = ranges.filter((p) => p.fromMs < toMs && p.toMs > fromMs).map((p) => p.name);
    if (overlapping.length > 0) {
      conflicts.push({ day, overlapping });
      continue;
    }
    create.push({ name: partitionName(table, day), day, fromMs, toMs, sql: createPartitionSql(table, day) });
  }

  const cutoffDay = addDays(today, -retentionDays);
  const cutoffMs = istDayStartUtc(cutoffDay);
  const expire: ExpiredPartition[] = [];
  const foreignExpired: string[] = [];
  for (const partition of ranges) {
    if (partition.toMs > cutoffMs) continue;
    const day = dayOfPartitionName(table, partition.name);
    const bounds = day === null ? null : dayBounds(day);
    if (day !== null && bounds && bounds.fromMs === partition.fromMs && bounds.toMs === partition.toMs) {
      expire.push({ name: partition.name, day, fromMs: partition.fromMs, toMs: partition.toMs });
    } else {
      foreignExpired.push(partition.name);
    }
  }
  expire.sort((a, b) => a.fromMs - b.fromMs);

  const defaultPartition = input.existing.find((p) => p.kind === 'default')?.name ?? null;
  return { table, today, cutoffDay, cutoffMs, create, expire, present, conflicts, foreignExpired, defaultPartition };
}
