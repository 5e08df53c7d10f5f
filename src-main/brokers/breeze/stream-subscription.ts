/**
 * Breeze's stream names (facts §B5): `X.Y!<token>`, X the exchange (1 BSE, 4 NSE and
 * NFO alike, 8 BFO; 13 NDX, 6 MCX and 3 GIFT NIFTY are not traded here), Y 1 for the
 * exchange quote or 2 for market depth, token the security master's Token — a number,
 * or an index's name ("4.1!NIFTY 50"). The client emits "join" / "leave" with one name
 * or a list, and listens for "stock" (quotes, depth) and, on the order feed, "order".
 *
 * The Socket.IO client that speaks Engine.IO 4 is socket.io-client 4.x (4.8.4 today;
 * Breeze's own JS SDK pins ^4.1.3), transport "websocket" only, with the CONNECT auth
 * {user, token} (session.ts breezeStreamAuth). Keep-alive is Socket.IO's own ping.
 */
import type { BreezeExchangeCode } from './contract';

export type BreezeStreamKind = 'quote' | 'depth';

export const BREEZE_STREAM_EXCHANGES: Readonly<Record<BreezeExchangeCode, number>> = { BSE: 1, NSE: 4, NFO: 4, BFO: 8 };
export const BREEZE_STREAM_EVENTS = { join: 'join', leave: 'leave', quotes: 'stock', orders: 'order' } as const;

export interface BreezeStreamId {
  exchangeCode: number;
  kind: BreezeStreamKind;
  token: string;
}

const TOKEN_RE = /^[A-Za-z0-9][A-Za-z0-9 &-]{0,31}$/;
const NAME_RE = /^(\d{1,2})\.([12])!(.+)$/;

export function breezeStreamName(exchange: BreezeExchangeCode, token: string, kind: BreezeStreamKind): string | null {
  if (!TOKEN_RE.test(token)) return null;
  return `${BREEZE_STREAM_EXCHANGES[exchange]}.${kind === 'quote' ? 1 : 2}!${token}`;
}

export function parseBreezeStreamName(text: string): BreezeStreamId | null {
  const m = NAME_RE.exec(text);
  if (!m || !TOKEN_RE.test(m[3] as string)) return null;
  return { exchangeCode: Number(m[1]), kind: m[2] === '1' ? 'quote' : 'depth', token: m[3] as string };
}

/** What "join" / "leave" carry: the name itself for one, the list for several (the SDK's forms). */
export function breezeJoinPayload(names: readonly string[]): string | string[] {
  return names.length === 1 ? (names[0] as string) : [...names];
}
