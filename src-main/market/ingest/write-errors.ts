/**
 * Is a failed write worth retrying? Almost always: the server went away
 * (connection refused or reset, admin/crash shutdown, "the database system
 * is starting up"), ran out of something, or the schema is not there yet —
 * the ticks wait in the journal. Only a data error (SQLSTATE classes 22 and
 * 23: a value PostgreSQL refuses) is a property of the batch itself and would
 * fail forever; such a batch is set aside so it cannot wedge the journal.
 */
export type WriteFailure = 'transient' | 'rejected';

const SQLSTATE = /^[0-9A-Z]{5}$/;

export function classifyWriteError(error: unknown): WriteFailure {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && SQLSTATE.test(code) && (code.startsWith('22') || code.startsWith('23'))) return 'rejected';
  return 'transient';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
