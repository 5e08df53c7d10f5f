/**
 * One call frame in, one result frame out: a frame is checked (text, size, JSON, the
 * contract's call shape) before the core sees it, a frame whose id can be recovered is
 * answered VALIDATION rather than left to time out, and a socket has a bounded number
 * of calls in flight. Nothing a client sends can throw out of here.
 */
import type { RawData, WebSocket } from 'ws';
import { callFrameSchema, MAX_FRAME_BYTES, type CallOutcome } from '../../src-shared/contract/wire';
import type { Core } from '../core';
import { sendFrame, sendValidation, type WsClients } from './ws-send';

/** What the WebSocket side needs from the core; tests pass a fake. */
export type ServerCore = Pick<Core, 'dispatch' | 'onEvent'>;

export const CLOSE_UNSUPPORTED = 1003;
export const CLOSE_TOO_BIG = 1009;

export interface WsCalls extends WsClients {
  readonly core: ServerCore;
  /** Calls one socket may have in flight; more are answered UNAVAILABLE. */
  readonly maxInFlight: number;
}

/** One socket's calls in flight. */
export interface CallSocket {
  readonly ws: WebSocket;
  inFlight: number;
}

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

export function onCallMessage(c: WsCalls, socket: CallSocket, data: RawData, isBinary: boolean): void {
  const { ws } = socket;
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
    c.log.warn('websocket frame is not JSON', { recoveredId: id, bytes: text.length });
    if (id !== null) sendValidation(c, ws, id, 'The frame is not valid JSON');
    return;
  }

  const frame = callFrameSchema.safeParse(parsed);
  if (!frame.success) {
    const id = idOf(parsed);
    c.log.warn('websocket frame is not a call', { recoveredId: id });
    if (id !== null) {
      sendValidation(c, ws, id, 'The frame is not a valid call', frame.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })));
    }
    return;
  }
  dispatchCall(c, socket, frame.data);
}

function dispatchCall(c: WsCalls, socket: CallSocket, call: { id: number; method: string; args?: unknown }): void {
  const { id, method, args } = call;
  if (socket.inFlight >= c.maxInFlight) {
    sendFrame(c, socket.ws, { type: 'result', id, ok: false, error: { code: 'UNAVAILABLE', message: 'Too many calls in flight' } });
    return;
  }
  socket.inFlight += 1;
  Promise.resolve()
    .then(() => c.core.dispatch(method, args, { transport: 'websocket' }))
    .catch((error: unknown): CallOutcome => {
      c.log.error('dispatch threw', { method, error: String(error) });
      return { ok: false, error: { code: 'INTERNAL', message: 'The call failed unexpectedly' } };
    })
    .then((outcome) => {
      socket.inFlight -= 1;
      sendFrame(c, socket.ws, { type: 'result', id, ...outcome });
    })
    .catch((error: unknown) => c.log.error('websocket send failed', { error: String(error) }));
}
