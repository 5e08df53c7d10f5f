import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../src-shared/contract';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { silentLogger } from '../log';
import { createConsoleLogin, type ConsoleLogin } from './console-login';
import { DEFAULT_CONSOLE_LIMITS, executeReadOnly, runConsoleQuery, type ConsoleLimits } from './sql-console';
import { READ_ONLY_MESSAGE } from './sql-guard';

let test: TestDatabase;
let login: ConsoleLogin;
const limits: ConsoleLimits = { ...DEFAULT_CONSOLE_LIMITS, timeoutMs: 200, lockTimeoutMs: 200 };

beforeAll(async () => {
  test = await startTestDatabase();
  login = createConsoleLogin(test.service, silentLogger);
  await test.service.pool().query(
    `INSERT INTO broker_accounts (account_id, broker, user_id, secrets_ciphertext, key_source) VALUES ('acc1', 'kite', 'AB1234', '\\xdeadbeef', 'safeStorage')`,
  );
});

afterAll(async () => {
  await test?.cleanup();
});

const run = (sql: string, own: Partial<ConsoleLimits> = {}) => runConsoleQuery(login, sql, { ...limits, ...own });

async function refusal(promise: Promise<unknown>): Promise<ContractError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ContractError)) throw new Error(`expected a ContractError, got ${String(error)}`);
  return error;
}

const strategies = async () => Number((await test.service.pool().query<{ n: string }>('SELECT count(*) AS n FROM strategies')).rows[0]?.n);

describe('the SQL console answers reads', () => {
  it('returns columns with their types and values as text', async () => {
    const result = await run("select 1 as one, 12.50::numeric(10,2) as price, 'x'::text as t, '{\"a\":1}'::jsonb as j, null::int as nothing, true as yes");
    expect(result.columns).toEqual([
      { name: 'one', type: 'integer' },
      { name: 'price', type: 'numeric(10,2)' },
      { name: 't', type: 'text' },
      { name: 'j', type: 'jsonb' },
      { name: 'nothing', type: 'integer' },
      { name: 'yes', type: 'boolean' },
    ]);
    expect(result.rows).toEqual([['1', '12.50', 'x', '{"a": 1}', null, 't']]);
    expect(result).toMatchObject({ rowCount: 1, truncated: false, rowCap: 1000 });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('shows timestamps in IST', async () => {
    expect((await run("select '2026-01-05 03:45:00+00'::timestamptz as t")).rows).toEqual([['2026-01-05 09:15:00+05:30']]);
  });

  it('keeps duplicate column names apart, and reads the application tables', async () => {
    expect((await run('select 1 as a, 2 as a')).rows).toEqual([['1', '2']]);
    expect((await run("select strategy_id from strategies where strategy_id = 'manual';")).rows).toEqual([['manual']]);
  });

  it('caps the rows with a cursor and says so', async () => {
    const capped = await run('select g from generate_series(1, 1500) g');
    expect(capped).toMatchObject({ rowCount: 1000, truncated: true, rowCap: 1000 });
    expect(capped.rows.at(-1)).toEqual(['1000']);
    const exact = await run('select g from generate_series(1, 1000) g');
    expect(exact).toMatchObject({ rowCount: 1000, truncated: false });
    expect((await run('select g from generate_series(1, 30) g', { rowCap: 10 })).rowCount).toBe(10);
  });

  it('cuts very long cells', async () => {
    const result = await run("select repeat('x', 50) as long", { maxCellChars: 10 });
    expect(result.rows[0]?.[0]).toBe(`${'x'.repeat(10)}…`);
    expect(result.truncatedCells).toBe(1);
  });

  it('runs EXPLAIN and SHOW', async () => {
    expect((await run('explain select 1')).rows.length).toBeGreaterThan(0);
    expect((await run('show transaction_read_only')).rows).toEqual([['on']]);
  });

  it('reads the statistics views in full (pg_read_all_stats)', async () => {
    const result = await run("select count(*) from pg_stat_activity where query is not null and query <> '<insufficient privilege>'");
    expect(Number(result.rows[0]?.[0])).toBeGreaterThan(0);
  });
});

describe('the SQL console refuses', () => {
  it('writes and DDL, with the read-only message', async () => {
    for (const sql of ['delete from orders', 'delete from strategies', 'drop table strategies', "copy strategies to program 'id'"]) {
      const error = await refusal(run(sql));
      expect({ sql, code: error.code, message: error.message }).toEqual({ sql, code: 'UNAUTHORIZED', message: READ_ONLY_MESSAGE });
    }
    expect(await strategies()).toBe(1);
  });

  it('a write hidden in a CTE', async () => {
    const error = await refusal(run("WITH d AS (DELETE FROM strategies RETURNING *) SELECT * FROM d"));
    expect(error.message).toBe(READ_ONLY_MESSAGE);
    const explained = await refusal(run('EXPLAIN ANALYZE WITH d AS (DELETE FROM strategies RETURNING *) SELECT * FROM d'));
    expect(explained.message).toBe(READ_ONLY_MESSAGE);
    expect(await strategies()).toBe(1);
  });

  it('row locks, which a read-only transaction cannot take', async () => {
    expect((await refusal(run('select * from strategies for update'))).message).toBe(READ_ONLY_MESSAGE);
  });

  it('escape attempts through the statement text', async () => {
    for (const sql of ['COMMIT; DELETE FROM strategies', 'SET ROLE tickdesk', 'RESET ROLE', 'select 1; drop table strategies', 'set session authorization tickdesk']) {
      expect((await refusal(run(sql))).code, sql).toMatch(/UNAUTHORIZED|VALIDATION/);
    }
    expect(await strategies()).toBe(1);
  });

  it('the broker secrets, in any form', async () => {
    for (const sql of ['select * from broker_accounts', 'table broker_accounts', "select secrets_ciphertext from broker_accounts where account_id = 'acc1'", "select query_to_xml('select * from broker_accounts', true, true, '')"]) {
      const error = await refusal(run(sql));
      expect({ sql, code: error.code }).toEqual({ sql, code: 'UNAUTHORIZED' });
      expect(error.message).toContain('permission denied');
    }
  });

  it('terminating the app’s own connections, and reading server files', async () => {
    const client = await test.service.pool().connect();
    try {
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      const error = await refusal(run(`select pg_terminate_backend(${pid})`));
      expect(error.code).toBe('UNAUTHORIZED');
      expect((await client.query<{ ok: number }>('SELECT 1 AS ok')).rows[0]?.ok).toBe(1);
    } finally {
      client.release();
    }
    expect((await refusal(run("select pg_read_file('/etc/hostname')"))).code).toBe('UNAUTHORIZED');
  });

  it('a statement that runs past the timeout, with a clear message', async () => {
    const started = Date.now();
    const error = await refusal(run('select pg_sleep(10)'));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe("The query ran longer than 200 ms, the console's time limit, and was cancelled.");
  });

  it('a syntax error keeps PostgreSQL’s message, its position in the trader’s text', async () => {
    const error = await refusal(run('select 1 frm x'));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('syntax error');
    // "frm" reads as an alias; the error is at "x", character 14 of what the trader typed.
    expect(error.details).toMatchObject({ sqlstate: '42601', position: 14 });
  });
});

describe('defence in depth: what the lexer would refuse, the server refuses too', () => {
  const raw = (text: string, kind: 'cursor' | 'direct' = 'direct') => executeReadOnly(login, { kind, text }, limits);

  it('writes in the READ ONLY transaction', async () => {
    expect((await refusal(raw('DELETE FROM strategies'))).message).toBe(READ_ONLY_MESSAGE);
    expect((await refusal(raw("INSERT INTO strategies (strategy_id, name) VALUES ('x', 'x')"))).message).toBe(READ_ONLY_MESSAGE);
    expect(await strategies()).toBe(1);
  });

  it('a second statement, by the extended protocol', async () => {
    const error = await refusal(raw('COMMIT; DELETE FROM strategies'));
    expect(error.details).toMatchObject({ sqlstate: '42601' });
    expect(await strategies()).toBe(1);
  });

  it('taking back a superuser role: the console logs in as an ordinary role', async () => {
    for (const sql of ['SET ROLE tickdesk', 'SET SESSION AUTHORIZATION tickdesk']) {
      expect((await refusal(raw(sql))).code, sql).toBe('UNAUTHORIZED');
    }
    const viaFunction = await refusal(raw("SELECT set_config('role', 'tickdesk', false)", 'cursor'));
    expect(viaFunction.code).toBe('UNAUTHORIZED');
    const who = await run('select current_user, session_user');
    expect(who.rows).toEqual([['tickdesk_readonly', 'tickdesk_console']]);
  });

  it('RESET ROLE lands on the console login, which is no stronger', async () => {
    // Outside the console's transaction and without SET ROLE: the login role's own rights.
    const client = await login.connect();
    try {
      expect((await client.query<{ ro: string }>('SHOW default_transaction_read_only')).rows[0]).toEqual({ default_transaction_read_only: 'on' });
      await expect(client.query('DELETE FROM strategies')).rejects.toMatchObject({ code: '25006' });
      await expect(client.query('SELECT * FROM broker_accounts')).rejects.toMatchObject({ code: '42501' });
      await expect(client.query('BEGIN READ WRITE; DELETE FROM strategies; COMMIT')).rejects.toMatchObject({ code: '42501' });
      await client.query('ROLLBACK');
      const super_ = await client.query<{ rolsuper: string }>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
      expect(super_.rows[0]?.rolsuper).toBe('f');
    } finally {
      await client.end();
    }
    expect(await strategies()).toBe(1);
  });

  it('leaving read-only mode from inside a query', async () => {
    const error = await refusal(raw("SELECT set_config('transaction_read_only', 'off', true)", 'cursor'));
    expect(error.details).toMatchObject({ sqlstate: '25001' });
  });

  it('COPY TO PROGRAM', async () => {
    const marker = join(tmpdir(), `tickdesk-console-${process.pid}`);
    const error = await refusal(raw(`COPY (SELECT 1) TO PROGRAM 'touch ${marker}'`));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(existsSync(marker)).toBe(false);
  });
});
