/**
 * The read-only SQL console. Each statement gets a fresh connection logged
 * in as tickdesk_console (console-login.ts) and runs in
 *
 *   BEGIN READ ONLY; SET LOCAL ROLE tickdesk_readonly;
 *   SET LOCAL statement_timeout / lock_timeout / TimeZone; <statement>; ROLLBACK
 *
 * then the connection is closed, so nothing a statement did to its session
 * (advisory locks, settings) outlives it. Rows are capped with a cursor:
 * DECLARE … CURSOR FOR <sql> then FETCH cap+1, never by wrapping the SQL in
 * a subquery. Statements are sent with the extended protocol, which refuses
 * a second statement on its own (behind sql-guard.ts's refusal).
 */
import type pg from 'pg';
import type { ConsoleResult } from '../../src-shared/contract/domains/dbadmin';
import { consoleError } from './console-errors';
import type { ConsoleLogin } from './console-login';
import { checkConsoleSql, type CheckedSql } from './sql-guard';

export const CONSOLE_READ_ROLE = 'tickdesk_readonly';
const CURSOR = 'tickdesk_console_cursor';
const CURSOR_PREFIX = `DECLARE ${CURSOR} NO SCROLL CURSOR FOR `;

export interface ConsoleLimits {
  rowCap: number;
  timeoutMs: number;
  lockTimeoutMs: number;
  /** Longer values are cut (with …) so one huge jsonb does not make a huge answer. */
  maxCellChars: number;
}

export const DEFAULT_CONSOLE_LIMITS: ConsoleLimits = { rowCap: 1_000, timeoutMs: 5_000, lockTimeoutMs: 1_000, maxCellChars: 10_000 };

// @types/pg lacks queryMode; 'extended' makes pg Parse/Bind/Execute even without parameters.
type ExtendedQuery = pg.QueryArrayConfig & { queryMode: 'extended' };
const extended = (text: string): ExtendedQuery => ({ text, rowMode: 'array', queryMode: 'extended' });

const ms = (value: number) => Math.max(1, Math.round(value));

/** Runs one statement from the trader, after sql-guard.ts's refusals. */
export function runConsoleQuery(login: ConsoleLogin, sql: string, limits: ConsoleLimits = DEFAULT_CONSOLE_LIMITS): Promise<ConsoleResult> {
  let checked: CheckedSql;
  try {
    checked = checkConsoleSql(sql);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return executeReadOnly(login, checked, limits);
}

/**
 * The statement as it reaches the server, lexer or not. Exported so tests
 * can prove the role and the transaction refuse what the lexer would have.
 */
export async function executeReadOnly(login: ConsoleLogin, statement: Pick<CheckedSql, 'kind' | 'text'>, limits: ConsoleLimits): Promise<ConsoleResult> {
  const client = await login.connect().catch((error: unknown) => {
    throw consoleError(error, limits);
  });
  const offset = statement.kind === 'cursor' ? CURSOR_PREFIX.length : 0;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL ROLE ${CONSOLE_READ_ROLE}`);
    await client.query(`SET LOCAL statement_timeout = ${ms(limits.timeoutMs)}`);
    await client.query(`SET LOCAL lock_timeout = ${ms(limits.lockTimeoutMs)}`);
    // Timestamps as the trader reads them everywhere else (the server itself runs in UTC).
    await client.query(`SET LOCAL TimeZone = 'Asia/Kolkata'`);
    const started = performance.now();
    let result: pg.QueryArrayResult;
    try {
      if (statement.kind === 'cursor') {
        await client.query(extended(CURSOR_PREFIX + statement.text));
        result = await client.query(extended(`FETCH FORWARD ${Math.max(1, limits.rowCap) + 1} FROM ${CURSOR}`));
      } else {
        result = await client.query(extended(statement.text));
      }
    } catch (error) {
      throw consoleError(error, limits, offset);
    }
    const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
    const columns = await columnTypes(client, result.fields);
    await client.query('ROLLBACK');
    return shape(result, columns, elapsedMs, limits);
  } catch (error) {
    throw consoleError(error, limits);
  } finally {
    // Closing (rather than pooling) ends the transaction and anything the statement left in the session.
    await client.end().catch(() => undefined);
  }
}

async function columnTypes(client: pg.Client, fields: readonly pg.FieldDef[]): Promise<Array<{ name: string; type: string }>> {
  if (fields.length === 0) return [];
  const { rows } = await client.query<{ type: string }>(
    'SELECT format_type(t.oid, nullif(t.mod, -1)) AS type FROM unnest($1::oid[], $2::int[]) WITH ORDINALITY AS t(oid, mod, n) ORDER BY t.n',
    [fields.map((field) => field.dataTypeID), fields.map((field) => field.dataTypeModifier)],
  );
  return fields.map((field, index) => ({ name: field.name, type: rows[index]?.type ?? String(field.dataTypeID) }));
}

function shape(result: pg.QueryArrayResult, columns: ConsoleResult['columns'], elapsedMs: number, limits: ConsoleLimits): ConsoleResult {
  const truncated = result.rows.length > limits.rowCap;
  const kept = truncated ? result.rows.slice(0, limits.rowCap) : result.rows;
  let truncatedCells = 0;
  const rows = kept.map((row) =>
    (row as unknown[]).map((value) => {
      if (value === null || value === undefined) return null;
      const text = String(value);
      if (text.length <= limits.maxCellChars) return text;
      truncatedCells += 1;
      return `${text.slice(0, limits.maxCellChars)}…`;
    }),
  );
  return { columns, rows, rowCount: rows.length, truncated, rowCap: limits.rowCap, truncatedCells, elapsedMs };
}
