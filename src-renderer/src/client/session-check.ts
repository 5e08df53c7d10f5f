/**
 * A WebSocket refused at the upgrade looks, from the page, exactly like a
 * server that is down. So before each connection attempt we ask the HTTP
 * endpoint, which answers 401 plainly: that tells "your link is wrong" apart
 * from "the terminal is unreachable".
 */
import { errorMessage } from '../format/error-message';

export type SessionVerdict =
  | { kind: 'ok' }
  | { kind: 'unauthorized'; message: string }
  /** The server could not be reached at all. */
  | { kind: 'unreachable'; message: string }
  /** It answered, but not with a verdict we know; let the WebSocket decide. */
  | { kind: 'unknown'; status: number };

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export function sessionUrl(token: string | null): string {
  return token === null ? '/api/session' : `/api/session?token=${encodeURIComponent(token)}`;
}

export async function checkSession(fetchImpl: FetchLike, token: string | null): Promise<SessionVerdict> {
  let response: Response;
  try {
    response = await fetchImpl(sessionUrl(token), {
      method: 'GET',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    return { kind: 'unreachable', message: errorMessage(error) };
  }
  if (response.ok) return { kind: 'ok' };
  if (response.status === 401 || response.status === 403) {
    return { kind: 'unauthorized', message: await messageOf(response) };
  }
  return { kind: 'unknown', status: response.status };
}

async function messageOf(response: Response): Promise<string> {
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') {
      return body.message;
    }
  } catch {
    // A body that is not JSON still means "refused"; the status says enough.
  }
  return `refused with HTTP ${response.status}`;
}
