import type { CallOutcome } from './wire';

/**
 * What the client needs from a channel to main: the Electron preload bridge
 * and the browser-mode WebSocket both implement it.
 */
export interface Transport {
  invoke(method: string, args: unknown): Promise<CallOutcome>;
  /** Every pushed event; returns an unsubscribe function. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

/** The object the Electron preload exposes on `window.tickdesk`. */
export interface PreloadBridge extends Transport {
  readonly kind: 'electron';
}

export const PRELOAD_GLOBAL = 'tickdesk' as const;
/** The single IPC channel for calls and the single one for events. */
export const IPC_CALL_CHANNEL = 'tickdesk:call' as const;
export const IPC_EVENT_CHANNEL = 'tickdesk:event' as const;
