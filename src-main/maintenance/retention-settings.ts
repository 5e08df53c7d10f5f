/**
 * Retention of the day partitions, as the trader set it in the database
 * panel: app_settings row 'retention' (migration 0011). The partition
 * manager reads it at each run (readRetentionSettings), so a change applies
 * from the next run without a restart. Until the trader saves a value the
 * defaults are those of the market settings.
 */
import { ContractError } from '../../src-shared/contract';
import { retentionSettingsSchema, type RetentionSettings, type RetentionState } from '../../src-shared/contract/domains/dbadmin';
import type { DatabaseService } from '../db/service';
import { DEFAULT_MARKET_SETTINGS } from '../market/service/market-service';
import { isoOrNull, type Queryable } from '../dbadmin/sql-values';

export const RETENTION_KEY = 'retention';

export const DEFAULT_RETENTION: RetentionSettings = {
  tickRetentionDays: DEFAULT_MARKET_SETTINGS.tickRetentionDays,
  depthRetentionDays: DEFAULT_MARKET_SETTINGS.depthRetentionDays,
  partitionDaysAhead: DEFAULT_MARKET_SETTINGS.partitionDaysAhead,
};

/** The database service, or anything with pg's query() (a pool, a client inside a transaction). */
export type SettingsDb = Pick<DatabaseService, 'pool'> | Queryable;

const runner = (db: SettingsDb): Queryable => ('pool' in db && typeof db.pool === 'function' ? db.pool() : (db as Queryable));

/**
 * A stored value is taken field by field: one that is missing or out of
 * range (an older version, a hand edit) falls back to its default instead of
 * stopping maintenance.
 */
function merge(stored: unknown, defaults: RetentionSettings): RetentionSettings {
  const shape = retentionSettingsSchema.shape;
  const source = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const pick = (key: keyof RetentionSettings): number => {
    const parsed = shape[key].safeParse(source[key]);
    return parsed.success ? parsed.data : defaults[key];
  };
  return { tickRetentionDays: pick('tickRetentionDays'), depthRetentionDays: pick('depthRetentionDays'), partitionDaysAhead: pick('partitionDaysAhead') };
}

export async function readRetentionState(db: SettingsDb, defaults: RetentionSettings = DEFAULT_RETENTION): Promise<RetentionState> {
  const { rows } = await runner(db).query<{ value: unknown; updated_at: Date }>('SELECT value, updated_at FROM app_settings WHERE key = $1', [RETENTION_KEY]);
  const row = rows[0];
  return row ? { settings: merge(row.value, defaults), updatedAt: isoOrNull(row.updated_at) } : { settings: { ...defaults }, updatedAt: null };
}

/** What the partition manager asks before each run. */
export async function readRetentionSettings(db: SettingsDb, defaults: RetentionSettings = DEFAULT_RETENTION): Promise<RetentionSettings> {
  return (await readRetentionState(db, defaults)).settings;
}

/**
 * Saves the settings and records the change in audit_log (before and
 * after), in one statement, so neither can happen without the other.
 */
export async function writeRetentionSettings(db: SettingsDb, settings: RetentionSettings, actor = 'trader'): Promise<RetentionState> {
  const parsed = retentionSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    throw new ContractError('VALIDATION', 'Invalid retention settings', parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })));
  }
  const { rows } = await runner(db).query<{ updated_at: Date }>(
    `WITH saved AS (
       INSERT INTO app_settings (key, value, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
       RETURNING updated_at
     ), audited AS (
       INSERT INTO audit_log (actor, action, details)
       VALUES ($3, 'retention.update', jsonb_build_object('before', (SELECT value FROM app_settings WHERE key = $1), 'after', $2::jsonb))
     )
     SELECT updated_at FROM saved`,
    [RETENTION_KEY, JSON.stringify(parsed.data), actor],
  );
  return { settings: parsed.data, updatedAt: isoOrNull(rows[0]?.updated_at) };
}
