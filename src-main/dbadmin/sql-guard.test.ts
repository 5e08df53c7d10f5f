import { describe, expect, it } from 'vitest';
import { ContractError } from '../../src-shared/contract';
import { CONTROL_MESSAGE, EMPTY_MESSAGE, MULTIPLE_MESSAGE, READ_ONLY_MESSAGE, checkConsoleSql, scanSql } from './sql-guard';

function refusal(sql: string): { code: string; message: string } {
  try {
    checkConsoleSql(sql);
  } catch (error) {
    if (error instanceof ContractError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`not refused: ${sql}`);
}

describe('the console SQL lexer', () => {
  it('finds the first keyword past comments and parentheses', () => {
    expect(scanSql('  -- hi\n /* a /* nested */ comment */ (SELECT 1)').keyword).toBe('select');
    expect(checkConsoleSql('select 1 as one')).toEqual({ kind: 'cursor', text: 'select 1 as one', keyword: 'select' });
    expect(checkConsoleSql('WITH x AS (SELECT 1) SELECT * FROM x').kind).toBe('cursor');
    expect(checkConsoleSql('values (1), (2)').kind).toBe('cursor');
    expect(checkConsoleSql('TABLE orders').kind).toBe('cursor');
    expect(checkConsoleSql('explain select 1').kind).toBe('direct');
    expect(checkConsoleSql('show work_mem').kind).toBe('direct');
  });

  it('drops one trailing semicolon and what only comments follow it', () => {
    expect(checkConsoleSql('select 1; -- done\n').text).toBe('select 1');
    expect(checkConsoleSql('select 1;;  /* x */').text).toBe('select 1');
  });

  it('ignores a ; inside strings, identifiers, comments and dollar quotes', () => {
    for (const sql of [
      "select ';' as semi",
      "select 'it''s; fine'",
      "select E'back\\'slash; still inside'",
      'select 1 as "a;b"',
      'select $$ ; $$',
      'select $tag$ ; $not$ ; $tag$',
      'select 1 -- ; drop table orders',
      'select 1 /* ; drop table orders */',
      'select a$b from (select 1 as a$b) t',
    ]) {
      expect(checkConsoleSql(sql).text, sql).toBe(sql);
    }
  });

  it('treats $1 as a parameter, not a dollar quote', () => {
    expect(scanSql('select $1; delete from orders').more).toBe(true);
  });

  it('refuses a second statement, whatever hides the first ;', () => {
    for (const sql of ['select 1; drop table x', "select 'a'; delete from orders", 'select $$x$$;commit', "select E'\\'';delete from orders", 'select 1 /* c */ ; /* c */ select 2']) {
      expect(refusal(sql), sql).toEqual({ code: 'VALIDATION', message: MULTIPLE_MESSAGE });
    }
  });

  it('refuses transaction control and SET/RESET, so the role cannot be left', () => {
    for (const sql of ['COMMIT; DELETE FROM orders', 'commit', 'BEGIN', 'rollback', 'SET ROLE tickdesk', 'RESET ROLE', 'set session authorization tickdesk', 'reset all', 'discard all', 'start transaction read write', 'end', 'savepoint a']) {
      const got = refusal(sql);
      // The multi-statement ones may be caught as such first; both are refusals.
      expect([CONTROL_MESSAGE, MULTIPLE_MESSAGE], sql).toContain(got.message);
    }
    expect(refusal('SET ROLE tickdesk')).toEqual({ code: 'UNAUTHORIZED', message: CONTROL_MESSAGE });
    expect(refusal('/* hidden */ reset role')).toEqual({ code: 'UNAUTHORIZED', message: CONTROL_MESSAGE });
  });

  it('refuses writes, DDL and everything else with the read-only message', () => {
    for (const sql of ['delete from orders', 'INSERT INTO orders DEFAULT VALUES', 'update orders set qty = 1', 'drop table orders', 'create table x (a int)', 'truncate orders', "copy orders to program 'id'", 'vacuum', 'grant all on orders to public', 'do $$ begin end $$', 'call p()', 'lock table orders', 'merge into orders using x on true when matched then delete']) {
      expect(refusal(sql), sql).toEqual({ code: 'UNAUTHORIZED', message: READ_ONLY_MESSAGE });
    }
  });

  it('refuses empty input', () => {
    expect(refusal('  -- nothing\n /* here */ ')).toEqual({ code: 'VALIDATION', message: EMPTY_MESSAGE });
    expect(refusal(';')).toEqual({ code: 'VALIDATION', message: EMPTY_MESSAGE });
  });
});
