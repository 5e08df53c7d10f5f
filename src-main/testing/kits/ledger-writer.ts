import pg from 'pg';

/**
 * For integration tests: a stand-in for ingestion and the OMS that appends
 * ledger events and ticks as fast as it can, one transaction per round, and
 * tells which event ids are known committed (the insert's COMMIT returned).
 */
export interface LedgerWriter {
  /** The highest event_id whose transaction has committed. */
  readonly committed: number;
  readonly rounds: number;
  /** Resolves once `count` more rounds have committed than when called. */
  waitForRounds(count: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startLedgerWriter(connectionString: string, ticksPerRound = 50): Promise<LedgerWriter> {
  const client = new pg.Client({ connectionString, application_name: 'test-ledger-writer' });
  client.on('error', () => {});
  await client.connect();
  let committed = 0;
  let rounds = 0;
  let running = true;
  let failure: unknown = null;
  const waiters: Array<{ at: number; resolve: () => void; reject: (error: unknown) => void }> = [];

  const loop = (async () => {
    while (running) {
      try {
        await client.query('BEGIN');
        const event = await client.query<{ event_id: string }>(
          `INSERT INTO order_events (order_id, client_order_id, seq, event_type, status_after, payload, broker)
           VALUES (gen_random_uuid(), 'test-' || gen_random_uuid(), 1, 'INTENT', 'PENDING_LOCAL', jsonb_build_object('round', $1::int), 'paper')
           RETURNING event_id`,
          [rounds],
        );
        await client.query(
          `INSERT INTO market_ticks (token, ts, ltp, volume, received_at)
           SELECT 256265, clock_timestamp(), 22000 + (i % 100) * 0.05, i, clock_timestamp() FROM generate_series(1, $1::int) AS i`,
          [ticksPerRound],
        );
        await client.query('COMMIT');
        committed = Number(event.rows[0]?.event_id ?? committed);
        rounds += 1;
        for (const waiter of waiters.filter((entry) => rounds >= entry.at)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      } catch (error) {
        failure = error;
        running = false;
        for (const waiter of waiters.splice(0)) waiter.reject(error);
      }
    }
  })();

  return {
    get committed() {
      return committed;
    },
    get rounds() {
      return rounds;
    },
    waitForRounds(count) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiters.push({ at: rounds + count, resolve, reject }));
    },
    async stop() {
      running = false;
      await loop;
      await client.end().catch(() => {});
      if (failure) throw failure;
    },
  };
}
