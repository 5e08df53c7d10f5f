import { z } from 'zod';
import { appInfoSchema } from './app-info';
import { dbStatusSchema } from './db-status';

/**
 * What Help → "Copy diagnostics" collects for a support request: versions,
 * the machine, where the data and the log are, the database's state and the
 * last log lines, with every secret masked before it leaves main.
 */
export const diagnosticsSchema = z.object({
  /** ISO UTC time of collection. */
  generatedAt: z.string(),
  app: appInfoSchema.pick({ name: true, version: true, mode: true }),
  /** Node's version; Electron's and Chromium's in the desktop app, null in browser mode. */
  runtime: z.object({ node: z.string(), electron: z.string().nullable(), chrome: z.string().nullable() }),
  os: z.object({ platform: z.string(), release: z.string(), arch: z.string(), version: z.string() }),
  dataDir: z.string(),
  /** The log file, or null where none is written. */
  logFile: z.string().nullable(),
  database: dbStatusSchema,
  /** The newest log lines, oldest first, secrets masked. */
  logLines: z.array(z.string()),
  /** All of the above as one plain-text report, the thing that is copied. */
  text: z.string(),
});
export type Diagnostics = z.infer<typeof diagnosticsSchema>;
