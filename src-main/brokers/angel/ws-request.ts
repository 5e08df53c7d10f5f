/**
 * SmartWebSocket V2's client → server text frames, pure: the subscribe / unsubscribe
 * JSON and the heartbeat.
 *
 *   {"correlationID":"abcde12345","action":1,"params":{"mode":1,
 *    "tokenList":[{"exchangeType":1,"tokens":["10626","5290"]}]}}
 *
 * action 1 subscribes, 0 unsubscribes; mode 1 LTP, 2 Quote, 3 SnapQuote, 4 Depth-20
 * (NSE cash only, at most 50 tokens). One subscription is one (token, mode) pair, so a
 * token followed in two modes ticks twice. Strict in what it sends: tokens are Angel's
 * numeric symboltokens, exchange types the documented seven, at most 1,000 tokens a
 * request (a connection's limit), correlationID exactly 10 letters or digits.
 *
 * Heartbeat: the text "ping" every 10 s; the server answers the text "pong" (docs,
 * JS SDK). The JS SDK reconnects after 20 s without any message.
 */
import { ANGEL_SEGMENTS } from './segments';
import { ANGEL_WS_MODES, type AngelWsModeName } from './ws-packets';

export const ANGEL_WS_LIMITS = { tokensPerConnection: 1000, connectionsPerClientCode: 3, depth20Tokens: 50 } as const;
export const ANGEL_HEARTBEAT = { ping: 'ping', pong: 'pong', intervalMs: 10_000, silenceMs: 20_000 } as const;

export interface AngelTokenGroup {
  exchangeType: number;
  tokens: readonly string[];
}

export interface AngelWsRequestInput {
  action: 'subscribe' | 'unsubscribe';
  mode: AngelWsModeName;
  tokenList: readonly AngelTokenGroup[];
  correlationId?: string;
}

export interface AngelWsRequest {
  correlationID?: string;
  action: 0 | 1;
  params: { mode: number; tokenList: { exchangeType: number; tokens: string[] }[] };
}

export type AngelWsRequestResult = { ok: true; request: AngelWsRequest; text: string } | { ok: false; reason: string };

const EXCHANGE_TYPES = new Set(ANGEL_SEGMENTS.map((s) => s.wsExchangeType));

export function buildAngelWsRequest(input: AngelWsRequestInput): AngelWsRequestResult {
  const fail = (reason: string): AngelWsRequestResult => ({ ok: false, reason });
  if (input.correlationId !== undefined && !/^[A-Za-z0-9]{10}$/.test(input.correlationId)) return fail('correlationID must be 10 letters or digits');
  const merged = new Map<number, Set<string>>();
  for (const group of input.tokenList) {
    if (!EXCHANGE_TYPES.has(group.exchangeType)) return fail(`exchangeType ${group.exchangeType} is not one Angel One documents`);
    const tokens = merged.get(group.exchangeType) ?? new Set<string>();
    for (const token of group.tokens) {
      if (!/^\d{1,25}$/.test(token)) return fail(`"${token}" is not an Angel One symboltoken`);
      tokens.add(token);
    }
    merged.set(group.exchangeType, tokens);
  }
  const tokenList = [...merged].filter(([, tokens]) => tokens.size > 0).map(([exchangeType, tokens]) => ({ exchangeType, tokens: [...tokens] }));
  const total = tokenList.reduce((sum, group) => sum + group.tokens.length, 0);
  if (total === 0) return fail('no tokens to send');
  if (total > ANGEL_WS_LIMITS.tokensPerConnection) return fail(`${total} tokens: a connection takes at most ${ANGEL_WS_LIMITS.tokensPerConnection}`);
  if (input.mode === 'depth-20') {
    if (tokenList.some((group) => group.exchangeType !== 1)) return fail('Depth-20 is for NSE cash (exchangeType 1) only');
    if (total > ANGEL_WS_LIMITS.depth20Tokens) return fail(`Depth-20 takes at most ${ANGEL_WS_LIMITS.depth20Tokens} tokens`);
  }
  const request: AngelWsRequest = {
    ...(input.correlationId !== undefined ? { correlationID: input.correlationId } : {}),
    action: input.action === 'subscribe' ? 1 : 0,
    params: { mode: ANGEL_WS_MODES[input.mode], tokenList },
  };
  return { ok: true, request, text: JSON.stringify(request) };
}
