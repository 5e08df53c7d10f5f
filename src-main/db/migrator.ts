import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Migration name ("0001_core") -> the SQL text of its file. */
export type MigrationSources = Readonly<Record<string, string>>;

/** Kysely's bookkeeping table; inspect.ts reads it too. */
export const migrationTable = 'kysely_migration';

/** "../../migrations/0001_core.sql" -> "0001_core"; null for a name that breaks the convention. */
export function migrationNameOf(path: string): string | null {
  const match = /(?:^|\/)(\d{4}_[a-z0-9_]+)\.sql$/.exec(path);
  return match?.[1] ?? null;
}

/** Turns the glob's path -> text map into name -> text, refusing badly named files. */
export function toMigrationSources(files: Record<string, string>): MigrationSources {
  const sources: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    const name = migrationNameOf(path);
    if (!name) throw new Error(`The migration file ${path} is not named NNNN_lower_snake.sql; rename it.`);
    sources[name] = text;
  }
  return sources;
}

/**
 * The SQL files, inlined at build time by Vite (in Vitest and in the bundled
 * app alike): nothing is read from disk at run time, so the migrations travel
 * inside the bundle and cannot go missing next to it.
 */
export const bundledMigrations: MigrationSources = toMigrationSources(
  import.meta.glob<string>('../../migrations/*.sql', { query: '?raw', import: 'default', eager: true }),
);

/** Forward-only: each migration's `up` runs its whole file; there is no `down`. */
export function sqlMigrationProvider(sources: MigrationSources): MigrationProvider {
  return {
    getMigrations: () => {
      const migrations: Record<string, Migration> = {};
      for (const [name, text] of Object.entries(sources)) {
        migrations[name] = {
          up: async (db) => {
            await sql.raw(text).execute(db);
          },
        };
      }
      return Promise.resolve(migrations);
    },
  };
}

export interface MigrationOutcome {
  applied: string[];
  /** Name of the last applied migration, after this run. */
  schemaVersion: string | null;
}

/**
 * Applies every pending migration. On PostgreSQL Kysely runs them all in one
 * transaction, so a failure leaves the database exactly as it was; the error
 * names the migration and carries PostgreSQL's message.
 */
export async function runMigrations<DB>(db: Kysely<DB>, sources: MigrationSources = bundledMigrations): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: sqlMigrationProvider(sources), migrationTableName: migrationTable });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `Migration ${failed} failed: ${message}` : `Migrations could not run: ${message}`, { cause: error });
  }
  const applied = (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
  return { applied, schemaVersion: await readSchemaVersion(db) };
}

/** Last applied migration, or null when none ran (or the table does not exist yet). */
export async function readSchemaVersion<DB>(db: Kysely<DB>): Promise<string | null> {
  const exists = await sql<{ present: boolean }>`SELECT to_regclass(${migrationTable}) IS NOT NULL AS present`.execute(db);
  if (!exists.rows[0]?.present) return null;
  const last = await sql<{ name: string }>`SELECT name FROM ${sql.table(migrationTable)} ORDER BY name DESC LIMIT 1`.execute(db);
  return last.rows[0]?.name ?? null;
}
