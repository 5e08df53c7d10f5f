/**
 * The feed health line: what the status bar shows about live market data and
 * what the trader needs to trust it (is it SIMULATED, is it flowing, is
 * anything being dropped, is the database keeping up). Emitted about once a
 * second by the market service.
 */
import { z } from 'zod';
import { feedWireProblemsSchema } from './wire-problems';

/**
 * Why ticks were not written: the tick guard's verdicts plus the journal's
 * overflow (PostgreSQL away too long). 'malformed' also counts rows of
 * batches PostgreSQL itself refused as bad data (set aside under
 * ${dataDir}/journal/rejected/ for inspection).
 */
export const dropReasonsList = ['unknownToken', 'badPrice', 'malformed', 'duplicate', 'outOfOrder', 'journalOverflow'] as const;
export const dropReasonSchema = z.enum(dropReasonsList);
export type DropReason = z.infer<typeof dropReasonSchema>;

export const sessionPhaseSchema = z.enum(['pre-open', 'pre-open-matching', 'pre-open-buffer', 'open', 'closing-session', 'closed']);

export const feedHealthSchema = z.object({
  /** 'simulated', 'replay', or a broker's name ('kite', 'kotak'). */
  feed: z.string(),
  /** True for generated or replayed data: the UI must label it SIMULATED. */
  simulated: z.boolean(),
  /** The feed is connected (a simulated feed: its worker runs). */
  connected: z.boolean(),
  /** NSE equity session phase now (from nse-session and market_sessions holidays). */
  sessionPhase: sessionPhaseSchema,
  /** True while the simulated feed runs although the exchange is closed. */
  simulatingOutsideHours: z.boolean(),
  /** Accepted ticks per second over the last health interval. */
  ticksPerSec: z.number().nonnegative(),
  /** Totals since the service started. */
  accepted: z.number().int().nonnegative(),
  /** Rows committed to market_ticks. */
  written: z.number().int().nonnegative(),
  dropped: z.record(dropReasonSchema, z.number().int().nonnegative()),
  /** Receipt of a tick → its row committed, over the last interval; null when nothing was written. */
  lagMs: z.object({ p50: z.number().nonnegative(), p99: z.number().nonnegative() }).nullable(),
  /** 'writing': straight to PostgreSQL; 'journaling': the database is away, ticks wait on disk. */
  writer: z.enum(['writing', 'journaling', 'stopped']),
  /** Bytes waiting in the on-disk journal (0 when caught up). */
  journalBytes: z.number().int().nonnegative(),
  /**
   * A real broker's wire problems (bad frames, unknown instruments, bad messages, refused
   * subscriptions) as running totals; null for a feed that keeps none (simulated, replay).
   * Defaults to null so a line from a core that predates the field still parses.
   */
  wire: feedWireProblemsSchema.nullable().default(null),
  /** The last error worth showing (a failed COPY, a feed error), null when none. */
  lastError: z.string().nullable(),
  /** Epoch ms when this line was made. */
  at: z.number().int().nonnegative(),
});
export type FeedHealth = z.infer<typeof feedHealthSchema>;
export type SessionPhaseName = z.infer<typeof sessionPhaseSchema>;
