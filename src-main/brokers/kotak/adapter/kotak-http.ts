/**
 * One HTTP exchange with Kotak, as an HttpAnswer (status, content type, body text)
 * for the typed parsers (order-response.ts, http-body.ts). Only a failure to get an
 * answer at all — connection refused or dropped, timeout — throws, as
 * KotakNetworkError, because that is the one case where the caller cannot know
 * whether Kotak acted on the request (an order call then becomes "outcome unknown").
 */
import type { HttpAnswer } from '../../kite/http-body';

export class KotakNetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KotakNetworkError';
  }
}

export interface KotakHttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export async function kotakHttp(request: KotakHttpRequest): Promise<HttpAnswer> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
  } catch (error) {
    const what = (error as Error).name === 'TimeoutError' ? `no answer within ${request.timeoutMs} ms` : 'the connection failed';
    throw new KotakNetworkError(`Kotak: ${what} (${request.method} ${new URL(request.url).pathname})`, { cause: error });
  }
}

/** The headers every post-login call carries (Kotak's published examples). */
export function sessionHeaders(session: { token: string; sid: string }, form: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', Auth: session.token, Sid: session.sid, 'neo-fin-key': 'neotradeapi' };
  if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return headers;
}
