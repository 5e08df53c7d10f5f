import { z } from 'zod';
import { dbStatusSchema } from '../../domain/db-status';
import { defineMethods } from '../define';

/**
 * The database panel: what the server is doing (tables, connections,
 * statements, WAL), the retention settings, maintenance on demand and the
 * read-only SQL console. Sizes are bytes, times ISO UTC strings (the screen
 * shows IST), durations milliseconds.
 */

const count = z.number().int().nonnegative();
const bytes = z.number().int().nonnegative();
const iso = z.string();
const none = z.object({}).strict();

/** A statistics view's row as it came: names are PostgreSQL's own (they change between versions). */
export const statRecordSchema = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));
export type StatRecord = z.infer<typeof statRecordSchema>;

export const settingSchema = z.object({ name: z.string(), value: z.string() });

export const serverInfoSchema = z.object({
  status: dbStatusSchema,
  /** version(): the full build string. */
  version: z.string(),
  startedAt: iso,
  serverTime: iso,
  uptimeSeconds: z.number().nonnegative(),
  database: z.string(),
  databaseBytes: bytes,
  dataDirectory: z.string(),
  clientConnections: count,
  maxConnections: count,
  /** Share of block reads served from shared buffers; null before any read. */
  cacheHitRatio: z.number().min(0).max(1).nullable(),
  commits: count,
  rollbacks: count,
  deadlocks: count,
  tempBytes: bytes,
  settings: z.array(settingSchema),
});
export type ServerInfo = z.infer<typeof serverInfoSchema>;

export const tableKinds = ['table', 'partitioned', 'partition', 'matview'] as const;
export const tableInfoSchema = z.object({
  name: z.string(),
  kind: z.enum(tableKinds),
  /** The partitioned table this one is a partition of. */
  parent: z.string().nullable(),
  /** e.g. FOR VALUES FROM (...) TO (...), or DEFAULT. */
  bound: z.string().nullable(),
  /** pg_class.reltuples; null until the table was first vacuumed or analysed. A partitioned table sums its partitions. */
  rowEstimate: z.number().nonnegative().nullable(),
  liveRows: count.nullable(),
  deadRows: count.nullable(),
  totalBytes: bytes,
  tableBytes: bytes,
  indexBytes: bytes,
  seqScans: count.nullable(),
  indexScans: count.nullable(),
  lastVacuum: iso.nullable(),
  lastAnalyze: iso.nullable(),
});
export type TableInfo = z.infer<typeof tableInfoSchema>;

export const indexInfoSchema = z.object({
  name: z.string(),
  table: z.string(),
  bytes,
  scans: count,
  tuplesRead: count,
  lastUsed: iso.nullable(),
  unique: z.boolean(),
  primary: z.boolean(),
  definition: z.string(),
});
export type IndexInfo = z.infer<typeof indexInfoSchema>;

export const connectionInfoSchema = z.object({
  pid: z.number().int(),
  user: z.string().nullable(),
  application: z.string(),
  clientAddr: z.string().nullable(),
  backendType: z.string(),
  database: z.string().nullable(),
  state: z.string().nullable(),
  queryStart: iso.nullable(),
  xactStart: iso.nullable(),
  waitEventType: z.string().nullable(),
  waitEvent: z.string().nullable(),
  query: z.string(),
  /** The panel's own connection reading this list. */
  isSelf: z.boolean(),
});
export type ConnectionInfo = z.infer<typeof connectionInfoSchema>;

export const statementOrders = ['total', 'mean', 'calls'] as const;
export const statementInfoSchema = z.object({
  queryId: z.string(),
  query: z.string(),
  user: z.string().nullable(),
  calls: count,
  totalMs: z.number().nonnegative(),
  meanMs: z.number().nonnegative(),
  maxMs: z.number().nonnegative(),
  rows: count,
  cacheHitRatio: z.number().min(0).max(1).nullable(),
});
export type StatementInfo = z.infer<typeof statementInfoSchema>;

export const statementsResultSchema = z.object({
  /** false when pg_stat_statements is not loaded; `reason` says why. */
  available: z.boolean(),
  reason: z.string().nullable(),
  statsReset: iso.nullable(),
  statements: z.array(statementInfoSchema),
});

export const walInfoSchema = z.object({
  currentLsn: z.string(),
  walFile: z.string().nullable(),
  walBytesOnDisk: bytes.nullable(),
  /** pg_control_checkpoint(): the last checkpoint's time, redo LSN, ... */
  lastCheckpoint: statRecordSchema,
  checkpointer: statRecordSchema,
  wal: statRecordSchema,
  bgwriter: statRecordSchema,
  settings: z.array(settingSchema),
});
export type WalInfo = z.infer<typeof walInfoSchema>;

const days = (max: number) => z.number().int().min(1).max(max);
/** Read by the partition manager at each run: a change applies from the next one. */
export const retentionSettingsSchema = z
  .object({
    tickRetentionDays: days(3650),
    depthRetentionDays: days(3650),
    partitionDaysAhead: days(60),
  })
  .strict();
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export const retentionStateSchema = z.object({
  settings: retentionSettingsSchema,
  /** null while the defaults are in effect (never saved). */
  updatedAt: iso.nullable(),
});
export type RetentionState = z.infer<typeof retentionStateSchema>;

export const maintenanceActions = ['vacuum-analyze', 'analyze', 'partitions'] as const;
export type MaintenanceAction = (typeof maintenanceActions)[number];
export const maintenanceEntrySchema = z.object({
  id: z.string(),
  at: iso,
  action: z.enum(maintenanceActions),
  target: z.string().nullable(),
  ok: z.boolean(),
  ms: z.number().nonnegative(),
  message: z.string(),
});
export type MaintenanceEntry = z.infer<typeof maintenanceEntrySchema>;

export const consoleColumnSchema = z.object({ name: z.string(), type: z.string() });
export const consoleResultSchema = z.object({
  columns: z.array(consoleColumnSchema),
  /** Every value as PostgreSQL's text form; null is SQL NULL. */
  rows: z.array(z.array(z.string().nullable())),
  rowCount: count,
  /** More rows existed than the cap; only the first `rowCap` are here. */
  truncated: z.boolean(),
  rowCap: count,
  /** Cells cut short to keep the answer small. */
  truncatedCells: count,
  elapsedMs: z.number().nonnegative(),
});
export type ConsoleResult = z.infer<typeof consoleResultSchema>;

export const dbadminMethods = defineMethods({
  'dbadmin.server': { args: none, result: serverInfoSchema, summary: 'The PostgreSQL server: version, uptime, size, restarts.' },
  'dbadmin.tables': {
    args: none,
    result: z.object({ tables: z.array(tableInfoSchema), indexes: z.array(indexInfoSchema) }),
    summary: 'Tables and partitions with row estimates and sizes; indexes with sizes and use.',
  },
  'dbadmin.activity': {
    args: none,
    result: z.object({ serverTime: iso, connections: z.array(connectionInfoSchema) }),
    summary: 'Connections to the server (pg_stat_activity).',
  },
  'dbadmin.statements': {
    args: z.object({ orderBy: z.enum(statementOrders).default('total'), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    result: statementsResultSchema,
    summary: 'The slowest statements (pg_stat_statements).',
  },
  'dbadmin.resetStatements': { args: none, result: z.object({ statsReset: iso.nullable() }), summary: 'Clears pg_stat_statements.' },
  'dbadmin.wal': { args: none, result: walInfoSchema, summary: 'Checkpoints and WAL.' },
  'dbadmin.getRetention': { args: none, result: retentionStateSchema, summary: 'Retention of tick and depth partitions, days prepared ahead.' },
  'dbadmin.setRetention': { args: retentionSettingsSchema, result: retentionStateSchema, summary: 'Changes the retention settings (applies from the next maintenance run).' },
  'dbadmin.maintain': {
    args: z.object({ action: z.enum(maintenanceActions), table: z.string().min(1).max(63).optional() }).strict(),
    result: maintenanceEntrySchema,
    summary: 'Runs VACUUM (ANALYZE), ANALYZE or the partition manager now.',
  },
  'dbadmin.maintenanceLog': {
    args: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    result: z.object({ entries: z.array(maintenanceEntrySchema) }),
    summary: 'Recent maintenance runs, newest first.',
  },
  'dbadmin.query': {
    args: z.object({ sql: z.string().min(1).max(100_000) }).strict(),
    result: consoleResultSchema,
    summary: 'Runs one read-only statement in the SQL console.',
  },
});
