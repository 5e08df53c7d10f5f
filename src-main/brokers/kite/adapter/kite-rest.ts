/**
 * Kite REST over fetch against a configurable root. Two kinds of failure are kept
 * apart because the broker contract depends on it:
 * - an ANSWER that is an error (Kite's JSON error, an HTML gateway page, a 429) comes
 *   back as a typed KiteApiError via rest-response.ts, never an exception;
 * - NO answer (connection dropped, timeout) throws KiteNoAnswer: whether the venue
 *   acted on the request is unknown.
 * A session-expired answer also expires the session (one signal, see kite-session.ts).
 */
import type { z } from 'zod';
import { kiteAuthHeaders } from '../login-checksum';
import type { KiteRequest } from '../order-request';
import { formBody } from '../order-request';
import { parseKiteResponse, type KiteResponse } from '../rest-response';
import type { HttpAnswer } from '../http-body';
import { SESSION_EXPIRED_MESSAGE, type KiteSession } from './kite-session';

export class KiteNoAnswer extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KiteNoAnswer';
  }
}

/** A Kite error answer where the caller needs an exception (reads, instrument download). */
export class KiteRequestFailed extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'KiteRequestFailed';
  }
}

export interface KiteRestOptions {
  restRoot: string;
  session: KiteSession;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

export type KiteCall = Pick<KiteRequest, 'path' | 'form'> & { method: KiteRequest['method'] | 'GET' };

export class KiteRest {
  constructor(private readonly options: KiteRestOptions) {}

  /** Raw HTTP answer; throws KiteNoAnswer when none came. */
  async send(call: KiteCall, auth = true): Promise<HttpAnswer> {
    const headers: Record<string, string> = { 'X-Kite-Version': '3' };
    if (auth) {
      const token = this.options.session.accessToken();
      if (token === null) return { status: 403, contentType: 'application/json', body: JSON.stringify({ status: 'error', error_type: 'TokenException', message: SESSION_EXPIRED_MESSAGE }) };
      Object.assign(headers, kiteAuthHeaders(this.options.session.apiKey, token));
    }
    const hasBody = call.method === 'POST' || call.method === 'PUT';
    const query = !hasBody && Object.keys(call.form).length > 0 ? `?${formBody(call.form)}` : '';
    if (hasBody) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    let response: Response;
    let body: string;
    try {
      response = await fetch(`${this.options.restRoot.replace(/\/$/, '')}${call.path}${query}`, {
        method: call.method,
        headers,
        ...(hasBody ? { body: formBody(call.form) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      body = await response.text();
    } catch (error) {
      throw new KiteNoAnswer(`no answer from Kite for ${call.method} ${call.path}: ${describe(error)}`, { cause: error });
    }
    return { status: response.status, contentType: response.headers.get('content-type'), body };
  }

  /** Sends and parses; a session-expired answer expires the session. */
  async call<T>(call: KiteCall, schema: z.ZodType<T>, auth = true): Promise<KiteResponse<T>> {
    const parsed = parseKiteResponse(await this.send(call, auth), schema);
    if (!parsed.ok && parsed.error.kind === 'session-expired' && auth) {
      this.options.session.expire(SESSION_EXPIRED_MESSAGE);
      return { ok: false, error: { ...parsed.error, message: `${SESSION_EXPIRED_MESSAGE} (${parsed.error.message})` } };
    }
    return parsed;
  }

  /** For reads: the data or a thrown KiteRequestFailed with the trader-readable reason. */
  async get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const parsed = await this.call({ method: 'GET', path, form: {} }, schema);
    if (!parsed.ok) throw new KiteRequestFailed(parsed.error.kind, parsed.error.message);
    return parsed.data;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
