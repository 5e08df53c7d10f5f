/**
 * The SQL console's first line of defence: a small lexer that skips comments,
 * strings, quoted identifiers and dollar quotes, to find the statement's
 * first keyword and any `;` that ends it early. It only ever refuses; what
 * it lets through still runs as a read-only role in a READ ONLY transaction
 * on a login that is not a superuser (sql-console.ts), which is what actually
 * keeps writes, DDL and escapes out. The lexer turns those attempts into a
 * clear message before they reach the server.
 */
import { ContractError } from '../../src-shared/contract';

export const READ_ONLY_MESSAGE = 'The SQL console is read-only: INSERT/UPDATE/DELETE and DDL are refused.';
export const CONTROL_MESSAGE =
  'The SQL console runs each statement alone, in its own read-only transaction, as a read-only role: transaction control (BEGIN, COMMIT, ROLLBACK, …) and SET/RESET (ROLE, SESSION AUTHORIZATION, …) are refused.';
export const MULTIPLE_MESSAGE = 'The SQL console runs one statement at a time: remove everything after the first “;”.';
export const EMPTY_MESSAGE = 'Nothing to run: the SQL is empty or only comments.';

/** Statements that can sit behind DECLARE … CURSOR, so the row cap is a FETCH. */
const CURSOR_KEYWORDS = new Set(['select', 'with', 'values', 'table']);
/** Read-only statements a cursor cannot hold; their output is small. */
const DIRECT_KEYWORDS = new Set(['explain', 'show']);
/** Would leave the console's transaction or role; refused with their own message. */
const CONTROL_KEYWORDS = new Set([
  'begin', 'start', 'commit', 'end', 'rollback', 'abort', 'savepoint', 'release', 'prepare',
  'set', 'reset', 'discard', 'deallocate', 'close', 'fetch', 'move', 'declare',
]);
export const ALLOWED_KEYWORDS = [...CURSOR_KEYWORDS, ...DIRECT_KEYWORDS].map((word) => word.toUpperCase());

export interface CheckedSql {
  /** 'cursor': wrapped in DECLARE … CURSOR and fetched up to the cap; 'direct': run as is. */
  kind: 'cursor' | 'direct';
  /** The statement without its trailing `;` (and whatever comments followed it). */
  text: string;
  keyword: string;
}

interface Scan {
  keyword: string | null;
  /** Index of the first `;` outside strings and comments. */
  end: number | null;
  /** Something other than whitespace, comments or `;` follows that `;`. */
  more: boolean;
}

const isWordStart = (c: string) => /[A-Za-z_\u0080-\uffff]/.test(c);
const isWordChar = (c: string) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/** Index just past a quoted run starting at `start` (the opening quote); `''`/`""` doubled quotes stay inside. */
function skipQuoted(sql: string, start: number, quote: string, backslashes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashes && c === '\\') i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i += 1;
  }
  return sql.length;
}

function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return sql.length;
}

export function scanSql(sql: string): Scan {
  const scan: Scan = { keyword: null, end: null, more: false };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (sql.startsWith('--', i)) {
      const newline = sql.indexOf('\n', i);
      i = newline === -1 ? sql.length : newline + 1;
      continue;
    }
    if (sql.startsWith('/*', i)) {
      i = skipBlockComment(sql, i);
      continue;
    }
    if (c === ';') {
      scan.end ??= i;
      i += 1;
      continue;
    }
    // Anything else is significant: after the first `;` it is a second statement.
    if (scan.end !== null) {
      scan.more = true;
      return scan;
    }
    if (c === "'") i = skipQuoted(sql, i, "'", false);
    else if (c === '"') i = skipQuoted(sql, i, '"', false);
    else if (c === '$' && DOLLAR_TAG.test(sql.slice(i, i + 66))) {
      const tag = DOLLAR_TAG.exec(sql.slice(i, i + 66))?.[0] ?? '$$';
      const close = sql.indexOf(tag, i + tag.length);
      i = close === -1 ? sql.length : close + tag.length;
    } else if (isWordStart(c)) {
      let j = i + 1;
      while (j < sql.length && isWordChar(sql[j] ?? '')) j += 1;
      const word = sql.slice(i, j).toLowerCase();
      scan.keyword ??= word;
      // E'…' strings take backslash escapes: \' does not end them.
      if (word === 'e' && sql[j] === "'") j = skipQuoted(sql, j, "'", true);
      i = j;
    } else i += 1;
  }
  return scan;
}

/** Refuses what the console will not run; otherwise says how to run it. */
export function checkConsoleSql(sql: string): CheckedSql {
  const scan = scanSql(sql);
  if (scan.more) throw new ContractError('VALIDATION', MULTIPLE_MESSAGE);
  const keyword = scan.keyword;
  if (keyword === null) throw new ContractError('VALIDATION', EMPTY_MESSAGE);
  if (CONTROL_KEYWORDS.has(keyword)) throw new ContractError('UNAUTHORIZED', CONTROL_MESSAGE, { keyword: keyword.toUpperCase() });
  const kind = CURSOR_KEYWORDS.has(keyword) ? 'cursor' : DIRECT_KEYWORDS.has(keyword) ? 'direct' : null;
  if (kind === null) throw new ContractError('UNAUTHORIZED', READ_ONLY_MESSAGE, { keyword: keyword.toUpperCase(), allowed: ALLOWED_KEYWORDS });
  return { kind, text: scan.end === null ? sql : sql.slice(0, scan.end), keyword };
}
