/**
 * Opens the tick writer's dedicated connection to the supervised server. Not
 * from the shared pool: a COPY holds its connection for the whole flush, and
 * the UI's queries must not queue behind it (nor it behind them).
 */
import pg from 'pg';
import type { DatabaseService } from '../../db/service';
import type { Logger } from '../../log';

export function writerClientFactory(db: DatabaseService, log: Logger): () => Promise<pg.Client> {
  return async () => {
    if (db.status().state !== 'ready') throw new Error(`the database is ${db.status().state}`);
    const client = new pg.Client({
      connectionString: db.connectionUrl(),
      application_name: 'tickdesk-ingest',
      connectionTimeoutMillis: 5_000,
      // A server that stops answering (not dying) must not hold the writer forever: the batch goes to the journal.
      query_timeout: 30_000,
    });
    client.on('error', (error) => log.debug('the tick writer connection was dropped', { error: error.message }));
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  };
}
