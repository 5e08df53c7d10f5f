/**
 * Keeps the IST-day partitions of market_ticks and market_depth: today plus
 * N days ahead are created, partitions past the retention are (optionally
 * archived to CSV, then) detached and dropped — never DELETEd. Days found in
 * the DEFAULT partition (ticks that arrived before their partition existed,
 * after weeks closed, a replayed old day) get their partition, the rows
 * moving out of the default in the same transaction (partition-sql.ts).
 *
 * DDL on a partitioned table takes an ACCESS EXCLUSIVE lock on it, which
 * queues every COPY behind it. So each statement runs with a short
 * lock_timeout (waiting behind a long query would stall ingestion for as long
 * as that query) and is retried a few times; the work under the lock is one
 * small table at a time. `longestLockMs` reports how long ingestion could
 * have been held up.
 */
import type pg from 'pg';
import { istDayOf, type IstDay } from '../../src-shared/market/ist-calendar';
import type { DatabaseService } from '../db/service';
import type { Logger } from '../log';
import { parsePartitionRows } from '../market/partition-bounds';
import { planPartitions, type PartitionPolicy } from '../market/partition-plan';
import { LIST_PARTITIONS_SQL, assertTableName, createPartitionFromDefaultSql, detachPartitionSql, dropPartitionSql, partitionName } from '../market/partition-sql';
import { archivePartition } from './partition-archive';

export interface PartitionManagerOptions {
  db: DatabaseService;
  /** The tables and their retention; a function is asked at each run (settings the trader edits). */
  policies: readonly PartitionPolicy[] | (() => Promise<readonly PartitionPolicy[]>);
  /** Archive expiring partitions as CSV under this folder first; null drops them straight away. */
  archiveDir: string | null;
  log: Logger;
  now?: () => number;
  lockTimeoutMs?: number;
  attempts?: number;
}

export interface PartitionRunReport {
  table: string;
  today: IstDay;
  created: string[];
  /** Days given a partition because their rows sat in DEFAULT, with the rows moved. */
  fromDefault: Array<{ partition: string; rows: number }>;
  archived: Array<{ partition: string; file: string; rows: number }>;
  dropped: string[];
  /** Partitions that could not be created or dropped this time (retried next run). */
  failed: Array<{ partition: string; error: string }>;
  conflicts: string[];
  foreignExpired: string[];
  ms: number;
  /** Longest single DDL statement (ACCESS EXCLUSIVE held or awaited). */
  longestLockMs: number;
}

const CHECK_VIOLATION = '23514';

/** IST days that have rows in a DEFAULT partition (cheap: the default stays small). */
const DEFAULT_DAYS_SQL = (defaultPartition: string) =>
  `SELECT DISTINCT to_char(ts AT TIME ZONE 'Asia/Kolkata', 'YYYY-MM-DD') AS day FROM "${assertTableName(defaultPartition)}" ORDER BY 1`;

export class PartitionManager {
  readonly #o: PartitionManagerOptions;
  #running: Promise<PartitionRunReport[]> | null = null;

  constructor(options: PartitionManagerOptions) {
    this.#o = options;
  }

  /** One maintenance pass over every table; concurrent calls share the pass in progress. */
  run(): Promise<PartitionRunReport[]> {
    this.#running ??= this.#runAll().finally(() => (this.#running = null));
    return this.#running;
  }

  async #runAll(): Promise<PartitionRunReport[]> {
    const client = await this.#o.db.pool().connect();
    try {
      await client.query(`SET lock_timeout = ${Math.max(1, Math.round(this.#o.lockTimeoutMs ?? 2_000))}`);
      const reports: PartitionRunReport[] = [];
      const policies = typeof this.#o.policies === 'function' ? await this.#o.policies() : this.#o.policies;
      for (const policy of policies) reports.push(await this.#runTable(client, policy));
      return reports;
    } finally {
      await client.query('RESET lock_timeout').catch(() => undefined);
      client.release();
    }
  }

  async #runTable(client: pg.PoolClient, policy: PartitionPolicy): Promise<PartitionRunReport> {
    const started = performance.now();
    const today = istDayOf((this.#o.now ?? Date.now)());
    const report: PartitionRunReport = { table: policy.table, today, created: [], fromDefault: [], archived: [], dropped: [], failed: [], conflicts: [], foreignExpired: [], ms: 0, longestLockMs: 0 };
    const timed = async <T>(work: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      try {
        return await work();
      } finally {
        report.longestLockMs = Math.max(report.longestLockMs, Math.round(performance.now() - t0));
      }
    };

    let existing = await this.#list(client, policy.table);
    const defaultName = existing.find((p) => p.kind === 'default')?.name ?? null;
    // Stragglers first: a day with rows in DEFAULT gets its own partition (and, if old, is expired below).
    if (defaultName) {
      const { rows } = await client.query<{ day: string }>(DEFAULT_DAYS_SQL(defaultName));
      for (const { day } of rows) {
        const name = partitionName(policy.table, day);
        if (existing.some((p) => p.name === name)) continue;
        await this.#attempt(report, name, () => timed(() => this.#createFromDefault(client, policy.table, day, defaultName, report)));
      }
      existing = await this.#list(client, policy.table);
    }

    const plan = planPartitions({ table: policy.table, today, daysAhead: policy.daysAhead, retentionDays: policy.retentionDays, existing });
    report.conflicts = plan.conflicts.map((c) => `${c.day}: overlaps ${c.overlapping.join(', ')}`);
    report.foreignExpired = plan.foreignExpired;
    for (const create of plan.create) {
      await this.#attempt(report, create.name, () =>
        timed(async () => {
          try {
            await client.query(create.sql);
            report.created.push(create.name);
          } catch (error) {
            if ((error as { code?: string }).code !== CHECK_VIOLATION || !defaultName) throw error;
            await this.#createFromDefault(client, policy.table, create.day, defaultName, report);
          }
        }),
      );
    }
    for (const expired of plan.expire) {
      await this.#attempt(report, expired.name, async () => {
        if (this.#o.archiveDir) {
          const archived = await archivePartition(client, policy.table, expired.name, this.#o.archiveDir);
          report.archived.push({ partition: expired.name, ...archived });
        }
        await timed(() => client.query(detachPartitionSql(policy.table, expired.name)));
        await client.query(dropPartitionSql(policy.table, expired.name));
        report.dropped.push(expired.name);
      });
    }
    report.ms = Math.round(performance.now() - started);
    const changed = report.created.length + report.dropped.length + report.fromDefault.length + report.failed.length > 0;
    if (changed || report.conflicts.length > 0) this.#o.log.info('partitions maintained', { ...report });
    return report;
  }

  /** Create the day's partition moving its rows out of DEFAULT, in one transaction. */
  async #createFromDefault(client: pg.PoolClient, table: string, day: IstDay, defaultName: string, report: PartitionRunReport): Promise<void> {
    const statements = createPartitionFromDefaultSql(table, day, defaultName);
    await client.query('BEGIN');
    try {
      let moved = 0;
      for (const statement of statements) {
        const result = await client.query(statement);
        if (statement.startsWith('INSERT')) moved = result.rowCount ?? 0;
      }
      await client.query('COMMIT');
      report.created.push(partitionName(table, day));
      report.fromDefault.push({ partition: partitionName(table, day), rows: moved });
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Runs one partition's work with retries (a lock timeout is likely to pass); a final failure is reported, not thrown. */
  async #attempt(report: PartitionRunReport, partition: string, work: () => Promise<unknown>): Promise<void> {
    const attempts = this.#o.attempts ?? 3;
    for (let i = 1; ; i += 1) {
      try {
        await work();
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (i >= attempts) {
          report.failed.push({ partition, error: message });
          this.#o.log.warn('partition maintenance failed; retried at the next run', { partition, error: message });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * i));
      }
    }
  }

  async #list(client: pg.PoolClient, table: string) {
    const { rows } = await client.query<{ name: string; bound: string | null }>(LIST_PARTITIONS_SQL, [table]);
    return parsePartitionRows(rows);
  }
}

