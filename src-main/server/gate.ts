import type { IncomingMessage } from 'node:http';
import { parseCookies } from './cookies';
import { isAcceptableHttpOrigin, isLoopbackHost, isSameOrigin } from './origin';
import { tokenMatches } from './token';

export type RefusalReason = 'bad-host' | 'bad-origin' | 'missing-token' | 'bad-token';

export type Verdict =
  | { readonly ok: true; readonly via: 'cookie' | 'query'; readonly host: string }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: RefusalReason };

export interface GateOptions {
  token: string;
  cookieName: string;
  /** WebSocket upgrades must carry the page's own Origin; plain requests may omit it. */
  kind: 'http' | 'websocket';
}

/** The query token of a request URL, if any (first value wins). */
export function queryToken(url: URL): string | null {
  return url.searchParams.get('token');
}

/**
 * Decides whether a request may reach the app. Order matters: the Host
 * (DNS rebinding) and Origin (cross-site) checks come before the token, so
 * a foreign page learns nothing about tokens. An explicit wrong `?token=`
 * is refused even when a valid cookie is present.
 */
export function judgeRequest(req: Pick<IncomingMessage, 'headers'>, url: URL, options: GateOptions): Verdict {
  const host = req.headers.host;
  if (!isLoopbackHost(host) || host === undefined) return { ok: false, status: 403, reason: 'bad-host' };
  const origin = req.headers.origin;
  const originOk = options.kind === 'websocket' ? isSameOrigin(origin, host) : isAcceptableHttpOrigin(origin, host);
  if (!originOk) return { ok: false, status: 403, reason: 'bad-origin' };

  const fromQuery = queryToken(url);
  if (fromQuery !== null) {
    return tokenMatches(options.token, fromQuery)
      ? { ok: true, via: 'query', host }
      : { ok: false, status: 401, reason: 'bad-token' };
  }
  const fromCookie = parseCookies(req.headers.cookie).get(options.cookieName);
  if (fromCookie === undefined) return { ok: false, status: 401, reason: 'missing-token' };
  return tokenMatches(options.token, fromCookie)
    ? { ok: true, via: 'cookie', host }
    : { ok: false, status: 401, reason: 'bad-token' };
}

export const UNAUTHORIZED_MESSAGE = "This link's token is not valid. Open the URL printed by `tickdesk serve`.";
export const FORBIDDEN_HOST_MESSAGE = 'Tickdesk answers only on 127.0.0.1, localhost or [::1].';
export const FORBIDDEN_ORIGIN_MESSAGE = 'Requests from another site are refused.';

export function refusalMessage(reason: RefusalReason): string {
  switch (reason) {
    case 'bad-host':
      return FORBIDDEN_HOST_MESSAGE;
    case 'bad-origin':
      return FORBIDDEN_ORIGIN_MESSAGE;
    default:
      return UNAUTHORIZED_MESSAGE;
  }
}
