/**
 * The few things the transport needs from a WebSocket, as callbacks rather
 * than DOM event types, so tests drive it with a plain fake and the transport
 * never touches `onmessage` typing.
 */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  /** Fired once per socket, whether it failed to open or dropped later. */
  onClose(code: number, reason: string): void;
}

export interface SocketLike {
  send(data: string): void;
  close(): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike;

/** The real browser WebSocket behind SocketLike. May throw on a malformed URL. */
export const browserSocketFactory: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  ws.onopen = () => handlers.onOpen();
  ws.onmessage = (event) => handlers.onMessage(event.data);
  // An error is always followed by close; close alone drives the reconnect.
  ws.onclose = (event) => handlers.onClose(event.code, event.reason);
  return {
    send: (data) => ws.send(data),
    close: () => ws.close(1000, 'closed by the terminal'),
  };
};

/** ws://host/ws or wss://host/ws for the page's own origin, with the token if the link carried one. */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return `${scheme}//${location.host}/ws${query}`;
}
