import type { Transport } from '../../../src-shared/contract/transport';

/**
 * Life of the channel to main. Electron's IPC bridge is always 'open'; the
 * browser-mode WebSocket moves through all of them. 'unauthorized' is final:
 * the page's token was refused, so retrying cannot help.
 */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Failed attempts in a row; 0 once a connection has held. */
  attempt: number;
  /** Epoch ms of the next attempt while 'closed', else null. */
  retryAt: number | null;
  /** Whether this page has ever been connected (lost vs never reached). */
  everOpened: boolean;
}

/** A transport that also reports its connection and can be shut down. */
export interface ManagedTransport extends Transport {
  readonly kind: 'electron' | 'websocket';
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** Stops reconnecting and fails whatever is pending. */
  close(): void;
}

export const OPEN_STATUS: ConnectionStatus = { state: 'open', attempt: 0, retryAt: null, everOpened: true };
