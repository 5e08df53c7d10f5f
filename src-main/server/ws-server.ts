import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { MAX_FRAME_BYTES } from '../../src-shared/contract/wire';
import type { Logger } from '../log';
import { onCallMessage, type CallSocket, type ServerCore, type WsCalls } from './ws-calls';
import { broadcast } from './ws-send';

export type { ServerCore } from './ws-calls';

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

const CLOSE_GOING_AWAY = 1001;

/** Pings every socket each interval; one that did not answer the previous ping is dropped. */
function startHeartbeat(c: WsCalls, alive: WeakMap<WebSocket, boolean>, heartbeatMs: number): NodeJS.Timeout {
  const heartbeat = setInterval(() => {
    for (const ws of c.clients) {
      if (alive.get(ws) === false) {
        c.clients.delete(ws);
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
  return heartbeat;
}

/** Closes a socket politely, or terminates it after a second. */
function closeSocket(ws: WebSocket): Promise<void> {
  return new Promise<void>((resolve) => {
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
  });
}

/**
 * The browser-mode WebSocket: one call frame in, one result frame out (ws-calls.ts),
 * and every core event pushed to every open socket (ws-send.ts). Nothing a client
 * sends can throw out of here; at worst the socket is closed.
 */
export function createWsGateway(options: WsGatewayOptions): WsGateway {
  const { core, log } = options;
  const c: WsCalls = { core, log, clients: new Set(), maxBufferedBytes: options.maxBufferedBytes ?? 8 * 1024 * 1024, maxInFlight: options.maxInFlight ?? 256 };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, clientTracking: false });
  const alive = new WeakMap<WebSocket, boolean>();
  const unsubscribe = core.onEvent((event, payload) => broadcast(c, event, payload));
  const heartbeat = startHeartbeat(c, alive, options.heartbeatMs ?? 30_000);

  const onConnection = (ws: WebSocket): void => {
    const socket: CallSocket = { ws, inFlight: 0 };
    c.clients.add(ws);
    alive.set(ws, true);
    log.info('websocket connected', { clients: c.clients.size });
    ws.on('pong', () => alive.set(ws, true));
    // ws closes the socket itself (1009 for an oversized frame, 1002 for a protocol error); all that is left is to note it.
    ws.on('error', (error) => log.warn('websocket error', { error: error.message }));
    ws.on('close', (code) => {
      c.clients.delete(ws);
      log.info('websocket closed', { code, clients: c.clients.size });
    });
    ws.on('message', (data, isBinary) => onCallMessage(c, socket, data, isBinary));
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
      return c.clients.size;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      await Promise.all([...c.clients].map(closeSocket));
      c.clients.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
