import { describe, expect, it } from 'vitest';
import { ContractError } from '../../src-shared/contract';
import { consoleError } from './console-errors';
import { READ_ONLY_MESSAGE } from './sql-guard';

const limits = { timeoutMs: 5_000, lockTimeoutMs: 1_000 };
const pgError = (code: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { code, ...extra });

describe('console errors', () => {
  it('turns read-only and privilege refusals into UNAUTHORIZED', () => {
    expect(consoleError(pgError('25006', 'cannot execute DELETE in a read-only transaction'), limits)).toMatchObject({ code: 'UNAUTHORIZED', message: READ_ONLY_MESSAGE });
    expect(consoleError(pgError('42501', 'permission denied for table broker_accounts'), limits)).toMatchObject({
      code: 'UNAUTHORIZED',
      message: "The SQL console's read-only role may not do that: permission denied for table broker_accounts.",
    });
    expect(consoleError(pgError('0A000', 'DECLARE CURSOR must not contain data-modifying statements in WITH'), limits).message).toBe(READ_ONLY_MESSAGE);
  });

  it('says which limit a cancelled query hit', () => {
    expect(consoleError(pgError('57014', 'canceling statement due to statement timeout'), limits).message).toBe("The query ran longer than 5 s, the console's time limit, and was cancelled.");
    expect(consoleError(pgError('55P03', 'canceling statement due to lock timeout'), limits).message).toContain('longer than 1 s for a lock');
  });

  it('keeps a SQL error, its position moved back into the trader’s text', () => {
    const error = consoleError(pgError('42601', 'syntax error at or near "x"', { position: '60', hint: 'h' }), limits, 46);
    expect(error).toBeInstanceOf(ContractError);
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toEqual({ sqlstate: '42601', serverMessage: 'syntax error at or near "x"', position: 14, hint: 'h' });
  });

  it('calls an error without SQLSTATE a connection problem', () => {
    expect(consoleError(new Error('connect ECONNREFUSED 127.0.0.1:5432'), limits).code).toBe('UNAVAILABLE');
  });
});
