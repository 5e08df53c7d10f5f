import { z } from 'zod';
import { defineEvents, defineMethods } from '../define';

/**
 * Backup ids are folder names under ${dataDir}/backups: a UTC stamp and a
 * label. The pattern is strict because an id becomes a path: no dots, no
 * slashes, nothing that could climb out of the backups folder.
 */
export const backupIdPattern = /^\d{8}T\d{6}Z(?:-[a-z0-9][a-z0-9-]{0,39})?(?:-\d{1,3})?$/;
export const backupIdSchema = z.string().regex(backupIdPattern, 'not a backup id (e.g. 20261120T093015Z-manual)');
export const backupLabelSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$/, 'a label is 1 to 40 letters, digits, spaces, "-" or "_"');

export const backupVerificationSchema = z.object({
  /** ISO UTC time of the check. */
  at: z.string(),
  ok: z.boolean(),
  /** True when a throwaway server recovered a copy of the backup and was queried. */
  deep: z.boolean(),
  filesChecked: z.number().int().nonnegative(),
  /** Every problem found, one sentence each (empty when ok). */
  problems: z.array(z.string()),
  /** Rows in order_events as the recovered copy saw them (deep only). */
  orderEvents: z.number().int().nonnegative().nullable(),
});
export type BackupVerification = z.infer<typeof backupVerificationSchema>;

export const backupInfoSchema = z.object({
  id: backupIdSchema,
  label: z.string(),
  /** ISO UTC: when pg_backup_start returned (the backup's point in time is its stop). */
  createdAt: z.string(),
  completedAt: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  fileCount: z.number().int().nonnegative(),
  postgresVersion: z.string(),
  schemaVersion: z.string().nullable(),
  startLsn: z.string(),
  stopLsn: z.string(),
  path: z.string(),
  /** The last check of this backup; null when it was never verified. */
  verification: backupVerificationSchema.nullable(),
});
export type BackupInfo = z.infer<typeof backupInfoSchema>;

export const pendingRestoreSchema = z.object({
  backupId: backupIdSchema,
  stagedAt: z.string(),
  /** The folder (under the data folder) the current cluster is moved to at the next start. */
  keepCurrentAs: z.string(),
  dataDir: z.string(),
});
export type PendingRestore = z.infer<typeof pendingRestoreSchema>;

export const backupOperationSchema = z.enum(['create', 'verify', 'restore']);
export type BackupOperation = z.infer<typeof backupOperationSchema>;

export const backupProgressSchema = z.object({
  jobId: z.string(),
  operation: backupOperationSchema,
  backupId: z.string().nullable(),
  phase: z.enum(['starting', 'copying', 'wal', 'finishing', 'recovering', 'done', 'failed', 'cancelled']),
  bytesDone: z.number().nonnegative(),
  /** Grows during a backup: the WAL written while copying is only known at the end. */
  bytesTotal: z.number().nonnegative(),
  filesDone: z.number().int().nonnegative(),
  filesTotal: z.number().int().nonnegative(),
  /** The failure's sentence, or a note on the current step. */
  message: z.string().nullable(),
});
export type BackupProgress = z.infer<typeof backupProgressSchema>;

const cancelled = z.object({ status: z.literal('cancelled') });

export const backupMethods = defineMethods({
  'backup.create': {
    args: z.object({ label: backupLabelSchema.optional() }).strict(),
    result: z.discriminatedUnion('status', [z.object({ status: z.literal('completed'), backup: backupInfoSchema }), cancelled]),
    summary: 'Online backup of the database while trading goes on; resolves when it is complete (progress as backup.progress).',
  },
  'backup.cancel': {
    args: z.object({}).strict(),
    result: z.object({ cancelled: z.boolean() }),
    summary: 'Cancels the running backup, verify or restore; nothing half-made is left behind.',
  },
  'backup.list': {
    args: z.object({}).strict(),
    result: z.object({
      backups: z.array(backupInfoSchema),
      /** Folders under backups/ that look like backups but cannot be read: never offered for restore. */
      damaged: z.array(z.object({ id: z.string(), problem: z.string() })),
      pendingRestore: pendingRestoreSchema.nullable(),
      /** The job running now (after a reconnect the UI picks its progress up from here). */
      running: backupProgressSchema.nullable(),
    }),
    summary: 'Completed backups, newest first, with their last verification.',
  },
  'backup.verify': {
    args: z.object({ id: backupIdSchema, deep: z.boolean().default(false) }).strict(),
    result: z.discriminatedUnion('status', [z.object({ status: z.literal('completed'), verification: backupVerificationSchema }), cancelled]),
    summary: 'Re-hashes every file against the manifest; deep also recovers a copy on a throwaway server.',
  },
  'backup.restore': {
    args: z.object({ id: backupIdSchema }).strict(),
    result: z.discriminatedUnion('status', [z.object({ status: z.literal('staged'), pending: pendingRestoreSchema }), cancelled]),
    summary: 'Stages a backup to replace the current database at the next start (the current one is kept).',
  },
  'backup.discardRestore': {
    args: z.object({}).strict(),
    result: z.object({ discarded: z.boolean() }),
    summary: 'Forgets a staged restore: the next start keeps the current database.',
  },
});

export const backupEvents = defineEvents({
  /** Pushed while a backup, verify or restore runs (a few per second at most), and once when it ends. */
  'backup.progress': backupProgressSchema,
});
