/** Small helpers shared by the market integration tests. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export async function waitFor(what: () => boolean | Promise<boolean>, timeoutMs = 20_000, label = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function countTicks(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM market_ticks`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Ticks stored more than once: the same token, market time and cumulative volume (unique per accepted simulated tick). */
export async function countDuplicateTicks(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*)::text AS n FROM (SELECT 1 FROM market_ticks GROUP BY token, ts, volume HAVING count(*) > 1) d`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
