import { z } from 'zod';

/** Life of the supervised PostgreSQL server, as the top bar shows it. */
export const dbStatesList = ['stopped', 'starting', 'ready', 'restarting', 'failed'] as const;
export const dbStateSchema = z.enum(dbStatesList);
export type DbState = z.infer<typeof dbStateSchema>;

export const dbStatusSchema = z.object({
  state: dbStateSchema,
  /** Why the server is restarting or failed; a sentence for the trader. */
  reason: z.string().nullable(),
  /** e.g. "18.4" once the server answered. */
  version: z.string().nullable(),
  port: z.number().int().nullable(),
  pid: z.number().int().nullable(),
  dataDir: z.string(),
  /** Bytes used by the database, measured when ready. */
  sizeBytes: z.number().int().nullable(),
  /** Name of the last applied migration. */
  schemaVersion: z.string().nullable(),
  /** How many times the supervisor brought the server back. */
  restarts: z.number().int(),
  /** ISO UTC time the current server process became ready. */
  readySince: z.string().nullable(),
});
export type DbStatus = z.infer<typeof dbStatusSchema>;
