/**
 * The tick writer's one dedicated connection, opened on first use and after
 * every failure. A connection that failed is thrown away rather than reused:
 * after a dropped COPY its protocol state is unknown.
 */
import type pg from 'pg';
import type { Logger } from '../../log';

export class WriterConnection {
  readonly #connect: () => Promise<pg.Client>;
  readonly #log: Logger;
  #client: pg.Client | null = null;

  readonly #asyncCommit: boolean;

  constructor(connect: () => Promise<pg.Client>, log: Logger, asyncCommit: boolean) {
    this.#connect = connect;
    this.#log = log;
    this.#asyncCommit = asyncCommit;
  }

  async client(): Promise<pg.Client> {
    if (this.#client) return this.#client;
    const client = await this.#connect();
    if (this.#asyncCommit) {
      // Safe only with the writer's unsure-commit tracking (unsure-commits.ts).
      await client.query('SET synchronous_commit = off').catch(async (error: unknown) => {
        await client.end().catch(() => undefined);
        throw error;
      });
    }
    this.#client = client;
    return client;
  }

  /** Forgets the connection and closes it in the background (it may already be dead). */
  async drop(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    if (!client) return;
    await Promise.race([client.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  }

  async close(): Promise<void> {
    await this.drop();
    this.#log.debug('tick writer connection closed');
  }
}
