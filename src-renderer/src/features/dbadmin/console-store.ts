import { create } from 'zustand';
import { ContractError } from '../../../../src-shared/contract';
import type { TickdeskClient } from '../../../../src-shared/contract/client';
import type { ConsoleResult } from '../../../../src-shared/contract/domains/dbadmin';
import { errorMessage } from '../../format/error-message';

export interface ConsoleFailure {
  message: string;
  /** Where PostgreSQL found the error, 1-based in the trader's text. */
  position: number | null;
  hint: string | null;
}

interface ConsoleState {
  sql: string;
  running: boolean;
  result: ConsoleResult | null;
  failure: ConsoleFailure | null;
}

/** The console keeps its text and last answer while the trader looks at other tabs. */
export const useConsoleStore = create<ConsoleState>(() => ({
  sql: 'select now() as server_time, version()',
  running: false,
  result: null,
  failure: null,
}));

export function failureOf(error: unknown): ConsoleFailure {
  const message = errorMessage(error);
  const details = error instanceof ContractError && typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
  return {
    message,
    position: typeof details.position === 'number' ? details.position : null,
    hint: typeof details.hint === 'string' ? details.hint : null,
  };
}

/** Runs the editor's text; a second run while one is in flight is ignored. */
export async function runConsole(client: TickdeskClient): Promise<void> {
  const { sql, running } = useConsoleStore.getState();
  if (running || sql.trim() === '') return;
  useConsoleStore.setState({ running: true, failure: null });
  try {
    const result = await client.call('dbadmin.query', { sql });
    useConsoleStore.setState({ running: false, result, failure: null });
  } catch (error) {
    // The last good grid goes: a grid under an error would read as the error's answer.
    useConsoleStore.setState({ running: false, result: null, failure: failureOf(error) });
  }
}
