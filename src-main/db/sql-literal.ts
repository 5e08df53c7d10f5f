import pg from 'pg';
import { STORABLE_TEXT } from '../../src-shared/storable-text';

/**
 * Values written INTO the SQL text, for one-round-trip transactions (the ledger's, the
 * paper book's): the simple query protocol takes several statements at once (BEGIN;
 * SET LOCAL ROLE ...; the write; COMMIT) but no parameters. Strings go through pg's escapeLiteral (quotes
 * doubled, backslashes in an E'' literal); everything else is typed here, and nothing
 * else is accepted, so no value can change the statement's shape.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Cannot write ${value} to SQL`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new RangeError('PostgreSQL text cannot hold a NUL character');
    // Its JSON parser refuses the "\udXXX" JSON.stringify writes for an unpaired surrogate.
    if (!STORABLE_TEXT.test(value)) throw new RangeError('PostgreSQL JSON cannot hold an unpaired UTF-16 surrogate');
    return pg.escapeLiteral(value);
  }
  if (value instanceof Date) return `${pg.escapeLiteral(value.toISOString())}::timestamptz`;
  throw new TypeError(`Cannot write a ${typeof value} to SQL`);
}

/** A JSON document as a jsonb literal. */
export function jsonbLiteral(value: unknown): string {
  return `${sqlLiteral(JSON.stringify(value))}::jsonb`;
}
