import type pg from 'pg';

/**
 * One transaction on one pooled connection, run AS the application role.
 *
 * `SET LOCAL ROLE tickdesk_app` makes the role's privileges the ones that count for
 * the rest of the transaction: tickdesk_app has no UPDATE, DELETE or TRUNCATE on
 * order_events and fills (0001/0005), so even a bug in the writer cannot edit the
 * ledger — on top of the triggers that refuse it to everyone. BEGIN and SET go in one
 * round trip (simple query protocol allows several statements without parameters).
 */
export async function withAppTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN; SET LOCAL ROLE tickdesk_app');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        // A connection that cannot roll back is not given back to the pool.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

/** The SQLSTATE and constraint of a pg error, when it is one. */
export function pgErrorInfo(error: unknown): { code: string | undefined; constraint: string | undefined } {
  if (typeof error !== 'object' || error === null) return { code: undefined, constraint: undefined };
  const e = error as { code?: unknown; constraint?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : undefined,
    constraint: typeof e.constraint === 'string' ? e.constraint : undefined,
  };
}
