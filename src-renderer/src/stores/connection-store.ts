import { create } from 'zustand';
import type { ConnectionStatus, ManagedTransport } from '../client/connection-state';

interface ConnectionStore {
  status: ConnectionStatus;
  /** Which channel this page uses; null until boot chose one. */
  transport: ManagedTransport['kind'] | null;
}

export const initialConnectionStatus: ConnectionStatus = {
  state: 'connecting',
  attempt: 0,
  retryAt: null,
  everOpened: false,
};

/** The channel to main as the UI sees it; written only by client/sync.ts. */
export const useConnectionStore = create<ConnectionStore>()(() => ({
  status: initialConnectionStatus,
  transport: null,
}));
