import type { ErrorCode } from '../../../src-shared/contract/errors';
import { MAX_FRAME_BYTES, serverFrameSchema, type CallOutcome } from '../../../src-shared/contract/wire';
import type { ConnectionStatus, ManagedTransport } from './connection-state';
import type { SessionVerdict } from './session-check';
import type { SocketFactory, SocketLike } from './socket';

export interface WsTransportOptions {
  url: string;
  /** Asked before each attempt, to tell a refused token from a server that is down. */
  checkSession: () => Promise<SessionVerdict>;
  createSocket: SocketFactory;
  /** Delay before the next attempt after `failures` failed ones in a row. */
  backoffMs?: (failures: number) => number;
  /**
   * A connection must stay up this long before the backoff resets, so a
   * server that accepts and drops at once is not hammered every 250 ms.
   */
  stableAfterMs?: number;
  now?: () => number;
}

export const defaultBackoffMs = (failures: number): number => Math.min(10_000, 250 * 2 ** failures);

type Resolve = (outcome: CallOutcome) => void;
type EventListener = (event: string, payload: unknown) => void;

function failure(code: ErrorCode, message: string): CallOutcome {
  return { ok: false, error: { code, message } };
}

/**
 * Browser mode's channel to the core: one WebSocket carrying the wire frames,
 * results matched to calls by id, reconnecting with backoff. Calls are never
 * queued across a drop — they fail with UNAVAILABLE and the UI re-reads state
 * once the connection is back (see sync.ts).
 */
export function createWebSocketTransport(options: WsTransportOptions): ManagedTransport {
  const backoffMs = options.backoffMs ?? defaultBackoffMs;
  const stableAfterMs = options.stableAfterMs ?? 5_000;
  const now = options.now ?? Date.now;

  let status: ConnectionStatus = { state: 'connecting', attempt: 0, retryAt: null, everOpened: false };
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const eventListeners = new Set<EventListener>();
  const pending = new Map<number, Resolve>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  // Bumped on each attempt and on close(): callbacks of an older socket are ignored.
  let generation = 0;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  function setStatus(next: Partial<ConnectionStatus>): void {
    status = { ...status, ...next };
    for (const listener of statusListeners) listener(status);
  }

  function failPending(message: string): void {
    const waiting = [...pending.values()];
    pending.clear();
    for (const resolve of waiting) resolve(failure('UNAVAILABLE', message));
  }

  function scheduleRetry(): void {
    if (disposed) return;
    const delay = backoffMs(failures);
    failures += 1;
    setStatus({ state: 'closed', attempt: failures, retryAt: now() + delay });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void attempt();
    }, delay);
  }

  function handleMessage(data: unknown): void {
    if (typeof data !== 'string' || data.length > MAX_FRAME_BYTES) {
      console.warn('tickdesk: ignored a non-text or oversized frame');
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      console.warn('tickdesk: ignored a frame that is not JSON');
      return;
    }
    const parsed = serverFrameSchema.safeParse(raw);
    if (!parsed.success) {
      console.warn('tickdesk: ignored a malformed frame', parsed.error.issues);
      return;
    }
    const frame = parsed.data;
    if (frame.type === 'event') {
      for (const listener of eventListeners) {
        try {
          listener(frame.event, frame.payload);
        } catch (error) {
          console.error(`tickdesk: listener for "${frame.event}" failed`, error);
        }
      }
      return;
    }
    const resolve = pending.get(frame.id);
    if (!resolve) {
      console.warn(`tickdesk: result for unknown call ${frame.id}`);
      return;
    }
    pending.delete(frame.id);
    resolve(frame.ok ? { ok: true, result: frame.result } : { ok: false, error: frame.error });
  }

  async function attempt(): Promise<void> {
    const gen = ++generation;
    setStatus({ state: 'connecting', retryAt: null });
    const verdict = await options.checkSession();
    if (gen !== generation || disposed) return;
    if (verdict.kind === 'unauthorized') {
      setStatus({ state: 'unauthorized', retryAt: null });
      return;
    }
    if (verdict.kind === 'unreachable') {
      scheduleRetry();
      return;
    }

    let openedAt: number | null = null;
    try {
      socket = options.createSocket(options.url, {
        onOpen() {
          if (gen !== generation) return;
          openedAt = now();
          setStatus({ state: 'open', retryAt: null, everOpened: true });
        },
        onMessage(data) {
          if (gen === generation) handleMessage(data);
        },
        onClose() {
          if (gen !== generation) return;
          socket = null;
          failPending('The connection to Tickdesk was lost');
          if (openedAt !== null && now() - openedAt >= stableAfterMs) failures = 0;
          scheduleRetry();
        },
      });
    } catch (error) {
      console.error('tickdesk: could not open the WebSocket', error);
      socket = null;
      scheduleRetry();
    }
  }

  void attempt();

  return {
    kind: 'websocket',
    invoke(method, args) {
      if (socket === null || status.state !== 'open') {
        return Promise.resolve(failure('UNAVAILABLE', 'Not connected to Tickdesk'));
      }
      let text: string;
      try {
        text = JSON.stringify({ type: 'call', id: nextId, method, args });
      } catch (error) {
        return Promise.resolve(failure('VALIDATION', `Arguments of "${method}" cannot be sent: ${String(error)}`));
      }
      const id = nextId++;
      const open = socket;
      return new Promise<CallOutcome>((resolve) => {
        pending.set(id, resolve);
        try {
          open.send(text);
        } catch (error) {
          pending.delete(id);
          resolve(failure('UNAVAILABLE', `Could not send "${method}": ${String(error)}`));
        }
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close() {
      if (disposed) return;
      disposed = true;
      generation += 1;
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      socket?.close();
      socket = null;
      failPending('The connection to Tickdesk was closed');
      setStatus({ state: 'closed', retryAt: null });
    },
  };
}
