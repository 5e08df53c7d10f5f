import type { SocketFactory, SocketHandlers, SocketLike } from './socket';

/** A WebSocket stand-in for tests: the test plays the server's side. */
export class FakeSocket implements SocketLike {
  readonly sent: string[] = [];
  closed = false;

  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}

  send(data: string): void {
    if (this.closed) throw new Error('socket is closed');
    this.sent.push(data);
  }

  close(): void {
    this.closed = true;
  }

  open(): void {
    this.handlers.onOpen();
  }

  /** Delivers a frame; objects are sent as JSON, strings verbatim. */
  receive(frame: unknown): void {
    this.handlers.onMessage(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The server or network ends the connection. */
  drop(code = 1006): void {
    this.closed = true;
    this.handlers.onClose(code, '');
  }

  /** The call frames sent so far, parsed. */
  calls(): Array<{ type: string; id: number; method: string; args: unknown }> {
    return this.sent.map((text) => JSON.parse(text) as { type: string; id: number; method: string; args: unknown });
  }
}

/** A SocketFactory that records every socket it makes. */
export function fakeSocketFactory(): { factory: SocketFactory; sockets: FakeSocket[]; last(): FakeSocket } {
  const sockets: FakeSocket[] = [];
  return {
    factory: (url, handlers) => {
      const socket = new FakeSocket(url, handlers);
      sockets.push(socket);
      return socket;
    },
    sockets,
    last() {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket was opened');
      return socket;
    },
  };
}
