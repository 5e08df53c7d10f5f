import { create } from 'zustand';
import type { DbStatus } from '../../../src-shared/domain/db-status';

interface DbStatusStore {
  /** Last state main reported; null until the first answer or event. */
  status: DbStatus | null;
  /** Why the last read of the state failed, if it did (cleared by the next status). */
  readError: string | null;
}

/** The supervised PostgreSQL as the top bar and Database pane show it; written by client/sync.ts. */
export const useDbStatusStore = create<DbStatusStore>()(() => ({
  status: null,
  readError: null,
}));
