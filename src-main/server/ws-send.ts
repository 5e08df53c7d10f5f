/**
 * Sending on the browser-mode WebSocket: a socket whose client stopped reading is
 * closed rather than buffered without bound, a result that cannot be serialised is
 * answered INTERNAL instead of never, and one event goes out serialised once for every
 * socket.
 */
import { WebSocket } from 'ws';
import type { ServerFrame } from '../../src-shared/contract/wire';
import type { Logger } from '../log';

/** The open sockets and what sending to them needs. */
export interface WsClients {
  readonly clients: Set<WebSocket>;
  readonly log: Logger;
  /** A socket whose unsent data exceeds this is closed rather than buffered further. */
  readonly maxBufferedBytes: number;
}

export function sendText(c: WsClients, ws: WebSocket, text: string): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  if (ws.bufferedAmount + text.length > c.maxBufferedBytes) {
    // A page that stopped reading (frozen tab, stalled tunnel) must not make the
    // server hold its backlog in memory; it reconnects and reloads state.
    c.log.warn('websocket closed: client not reading', { bufferedAmount: ws.bufferedAmount });
    c.clients.delete(ws);
    ws.terminate();
    return;
  }
  ws.send(text);
}

export function sendFrame(c: WsClients, ws: WebSocket, frame: ServerFrame): void {
  let text: string;
  try {
    text = JSON.stringify(frame);
  } catch (error) {
    if (frame.type !== 'result') return;
    c.log.error('websocket result not serialisable', { error: String(error) });
    text = JSON.stringify({
      type: 'result',
      id: frame.id,
      ok: false,
      error: { code: 'INTERNAL', message: 'The result could not be serialised' },
    } satisfies ServerFrame);
  }
  sendText(c, ws, text);
}

export function sendValidation(c: WsClients, ws: WebSocket, id: number, message: string, details?: unknown): void {
  const error = details === undefined ? { code: 'VALIDATION' as const, message } : { code: 'VALIDATION' as const, message, details };
  sendFrame(c, ws, { type: 'result', id, ok: false, error });
}

/** One core event to every open socket. */
export function broadcast(c: WsClients, event: string, payload: unknown): void {
  if (c.clients.size === 0) return;
  let text: string;
  try {
    text = JSON.stringify({ type: 'event', event, payload } satisfies ServerFrame);
  } catch (error) {
    c.log.error('event not serialisable', { event, error: String(error) });
    return;
  }
  for (const ws of c.clients) sendText(c, ws, text);
}
