import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserSocketFactory, webSocketUrl } from './socket';

describe('webSocketUrl', () => {
  it('uses ws for http and wss for https, on the page host', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:5123' }, 'tok')).toBe('ws://127.0.0.1:5123/ws?token=tok');
    expect(webSocketUrl({ protocol: 'https:', host: 'desk.example:443' }, null)).toBe('wss://desk.example:443/ws');
  });

  it('escapes the token', () => {
    expect(webSocketUrl({ protocol: 'http:', host: 'h' }, 'a+b/c')).toBe('ws://h/ws?token=a%2Bb%2Fc');
  });
});

/** Just enough of the DOM WebSocket for the adapter. */
class StubWebSocket {
  static made: StubWebSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  sent: string[] = [];
  closedWith: number | null = null;
  constructor(readonly url: string) {
    StubWebSocket.made.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close(code: number) {
    this.closedWith = code;
  }
}

describe('browserSocketFactory', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('forwards open, message and close to the handlers', () => {
    vi.stubGlobal('WebSocket', StubWebSocket);
    const handlers = { onOpen: vi.fn(), onMessage: vi.fn(), onClose: vi.fn() };
    const socket = browserSocketFactory('ws://h/ws', handlers);
    const ws = StubWebSocket.made.at(-1);
    expect(ws?.url).toBe('ws://h/ws');

    ws?.onopen?.();
    ws?.onmessage?.({ data: '{"type":"event"}' });
    socket.send('frame');
    socket.close();
    ws?.onclose?.({ code: 1000, reason: 'bye' });

    expect(handlers.onOpen).toHaveBeenCalledTimes(1);
    expect(handlers.onMessage).toHaveBeenCalledWith('{"type":"event"}');
    expect(handlers.onClose).toHaveBeenCalledWith(1000, 'bye');
    expect(ws?.sent).toEqual(['frame']);
    expect(ws?.closedWith).toBe(1000);
  });
});
