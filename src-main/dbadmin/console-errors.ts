/**
 * What the console says when PostgreSQL refuses a statement. A refusal
 * caused by the console's own limits (read-only, privileges, the timeout)
 * gets a sentence the trader can act on; an error in the SQL itself keeps
 * PostgreSQL's message, with its position mapped back into the trader's text.
 */
import { ContractError } from '../../src-shared/contract';
import { READ_ONLY_MESSAGE } from './sql-guard';

export const SQLSTATE = {
  readOnlyTransaction: '25006',
  insufficientPrivilege: '42501',
  queryCanceled: '57014',
  lockNotAvailable: '55P03',
  featureNotSupported: '0A000',
  tooManyConnections: '53300',
} as const;

interface PgErrorLike {
  code?: unknown;
  message?: unknown;
  position?: unknown;
  hint?: unknown;
  detail?: unknown;
}

const seconds = (ms: number) => (ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`);

/**
 * @param offset characters the console put before the trader's SQL (the
 *   DECLARE … CURSOR prefix), taken off PostgreSQL's error position.
 */
export function consoleError(error: unknown, limits: { timeoutMs: number; lockTimeoutMs: number }, offset = 0): ContractError {
  if (error instanceof ContractError) return error;
  const pgError = (typeof error === 'object' && error !== null ? error : {}) as PgErrorLike;
  const code = typeof pgError.code === 'string' ? pgError.code : null;
  const serverMessage = typeof pgError.message === 'string' ? pgError.message : String(error);
  const details: Record<string, unknown> = { sqlstate: code, serverMessage };
  switch (code) {
    case SQLSTATE.readOnlyTransaction:
      return new ContractError('UNAUTHORIZED', READ_ONLY_MESSAGE, details);
    case SQLSTATE.insufficientPrivilege:
      return new ContractError('UNAUTHORIZED', `The SQL console's read-only role may not do that: ${serverMessage}.`, details);
    case SQLSTATE.queryCanceled:
      return new ContractError('VALIDATION', `The query ran longer than ${seconds(limits.timeoutMs)}, the console's time limit, and was cancelled.`, details);
    case SQLSTATE.lockNotAvailable:
      return new ContractError('VALIDATION', `The query waited longer than ${seconds(limits.lockTimeoutMs)} for a lock (maintenance may hold the table) and was cancelled; try again.`, details);
    case SQLSTATE.tooManyConnections:
      return new ContractError('CONFLICT', 'Too many console queries are running at once; wait for one to finish.', details);
    default:
      break;
  }
  // DECLARE … CURSOR refuses a data-modifying WITH before the READ ONLY
  // transaction gets a chance to; it is the same refusal to the trader.
  if (code === SQLSTATE.featureNotSupported && /data-modifying/i.test(serverMessage)) {
    return new ContractError('UNAUTHORIZED', READ_ONLY_MESSAGE, details);
  }
  if (code === null) {
    // Not from the server (connection refused or dropped): not the SQL's fault.
    return new ContractError('UNAVAILABLE', `The SQL console could not reach the database: ${serverMessage}`);
  }
  const position = typeof pgError.position === 'string' ? Number(pgError.position) - offset : NaN;
  if (Number.isInteger(position) && position > 0) details.position = position;
  if (typeof pgError.hint === 'string') details.hint = pgError.hint;
  if (typeof pgError.detail === 'string') details.detail = pgError.detail;
  return new ContractError('VALIDATION', serverMessage, details);
}
