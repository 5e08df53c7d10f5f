import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { callFrameSchema, MAX_FRAME_BYTES, type CallOutcome, type ServerFrame } from '../../src-shared/contract/wire';
import type { Core } from '../core';
import type { Logger } from '../log';

/** What the WebSocket side needs from the core; tests pass a fake. */
export type ServerCore = Pick<Core, 'dispatch' | 'onEvent'>;

export interface WsGatewayOptions {
  core: ServerCore;
  log: Logger;
  /** A socket whose unsent data exceeds this is closed rather than buffered further. */
  maxBufferedBytes?: number;
  /** Calls one socket may have in flight; more are answered UNAVAILABLE. */
  maxInFlight?: number;
  heartbeatMs?: number;
}

export interface WsGateway {
  /** Completes an upgrade the HTTP layer has already authorised. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly clientCount: number;
  close(): Promise<void>;
}

const CLOSE_UNSUPPORTED = 1003;
const CLOSE_TOO_BIG = 1009;
const CLOSE_GOING_AWAY = 1001;

/**
 * Recovers a call id from a frame that is not valid JSON, so the caller's
 * promise is rejected with VALIDATION instead of hanging until a timeout.
 */
export function recoverId(text: string): number | null {
  const match = /"id"\s*:\s*(\d{1,15})(?![\d.eE])/.exec(text);
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? id : null;
}

function idOf(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const id = (value as { id: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

/**
 * The browser-mode WebSocket: one call frame in, one result frame out, and
 * every core event pushed to every open socket. Nothing a client sends can
 * throw out of here; at worst the socket is closed.
 */
export function createWsGateway(options: WsGatewayOptions): WsGateway {
  const { core, log } = options;
  const maxBufferedBytes = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  const maxInFlight = options.maxInFlight ?? 256;
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, clientTracking: false });
  const clients = new Set<WebSocket>();
  const alive = new WeakMap<WebSocket, boolean>();

  const send = (ws: WebSocket, text: string): void => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount + text.length > maxBufferedBytes) {
      // A page that stopped reading (frozen tab, stalled tunnel) must not make the
      // server hold its backlog in memory; it reconnects and reloads state.
      log.warn('websocket closed: client not reading', { bufferedAmount: ws.bufferedAmount });
      clients.delete(ws);
      ws.terminate();
      return;
    }
    ws.send(text);
  };

  const sendFrame = (ws: WebSocket, frame: ServerFrame): void => {
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (error) {
      if (frame.type !== 'result') return;
      log.error('websocket result not serialisable', { error: String(error) });
      text = JSON.stringify({
        type: 'result',
        id: frame.id,
        ok: false,
        error: { code: 'INTERNAL', message: 'The result could not be serialised' },
      } satisfies ServerFrame);
    }
    send(ws, text);
  };

  const sendValidation = (ws: WebSocket, id: number, message: string, details?: unknown): void => {
    const error = details === undefined ? { code: 'VALIDATION' as const, message } : { code: 'VALIDATION' as const, message, details };
    sendFrame(ws, { type: 'result', id, ok: false, error });
  };

  const unsubscribe = core.onEvent((event, payload) => {
    if (clients.size === 0) return;
    let text: string;
    try {
      text = JSON.stringify({ type: 'event', event, payload } satisfies ServerFrame);
    } catch (error) {
      log.error('event not serialisable', { event, error: String(error) });
      return;
    }
    for (const ws of clients) send(ws, text);
  });

  const heartbeat = setInterval(() => {
    for (const ws of clients) {
      if (alive.get(ws) === false) {
        clients.delete(ws);
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      try {
        ws.ping();
      } catch {
        // the socket is already closing
      }
    }
  }, heartbeatMs);
  heartbeat.unref();

  const onConnection = (ws: WebSocket): void => {
    let inFlight = 0;
    clients.add(ws);
    alive.set(ws, true);
    log.info('websocket connected', { clients: clients.size });

    ws.on('pong', () => alive.set(ws, true));
    ws.on('error', (error) => {
      // ws closes the socket itself (1009 for an oversized frame, 1002 for a
      // protocol error); all that is left is to note it.
      log.warn('websocket error', { error: error.message });
    });
    ws.on('close', (code) => {
      clients.delete(ws);
      log.info('websocket closed', { code, clients: clients.size });
    });

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        ws.close(CLOSE_UNSUPPORTED, 'Binary frames are not accepted');
        return;
      }
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      if (bytes.length > MAX_FRAME_BYTES) {
        // ws already enforces maxPayload; this guards a fragmented message too.
        ws.close(CLOSE_TOO_BIG, 'Frame too large');
        return;
      }
      const text = bytes.toString('utf8');

      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        const id = recoverId(text);
        log.warn('websocket frame is not JSON', { recoveredId: id, bytes: text.length });
        if (id !== null) sendValidation(ws, id, 'The frame is not valid JSON');
        return;
      }

      const frame = callFrameSchema.safeParse(parsed);
      if (!frame.success) {
        const id = idOf(parsed);
        log.warn('websocket frame is not a call', { recoveredId: id });
        if (id !== null) {
          sendValidation(
            ws,
            id,
            'The frame is not a valid call',
            frame.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
          );
        }
        return;
      }

      const { id, method, args } = frame.data;
      if (inFlight >= maxInFlight) {
        sendFrame(ws, { type: 'result', id, ok: false, error: { code: 'UNAVAILABLE', message: 'Too many calls in flight' } });
        return;
      }
      inFlight += 1;
      Promise.resolve()
        .then(() => core.dispatch(method, args, { transport: 'websocket' }))
        .catch((error: unknown): CallOutcome => {
          log.error('dispatch threw', { method, error: String(error) });
          return { ok: false, error: { code: 'INTERNAL', message: 'The call failed unexpectedly' } };
        })
        .then((outcome) => {
          inFlight -= 1;
          sendFrame(ws, { type: 'result', id, ...outcome });
        })
        .catch((error: unknown) => log.error('websocket send failed', { error: String(error) }));
    });
  };

  let closed = false;
  return {
    accept(req, socket, head) {
      if (closed) {
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, onConnection);
    },
    get clientCount() {
      return clients.size;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      const closing = [...clients].map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === WebSocket.CLOSED) return resolve();
            const timer = setTimeout(() => {
              ws.terminate();
              resolve();
            }, 1_000);
            timer.unref();
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            ws.close(CLOSE_GOING_AWAY, 'Tickdesk is shutting down');
          }),
      );
      await Promise.all(closing);
      clients.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
