import { describe, expect, it, vi } from 'vitest';
import { checkSession, sessionUrl } from './session-check';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('session check', () => {
  it('asks /api/session with the token, sending the cookie', async () => {
    const fetchImpl = vi.fn(async () => json(200, { ok: true }));
    await expect(checkSession(fetchImpl, 'a b&c')).resolves.toEqual({ kind: 'ok' });
    expect(fetchImpl).toHaveBeenCalledWith(
      '/api/session?token=a%20b%26c',
      expect.objectContaining({ method: 'GET', credentials: 'same-origin', cache: 'no-store' }),
    );
  });

  it('relies on the cookie alone when the page had no token', () => {
    expect(sessionUrl(null)).toBe('/api/session');
  });

  it('reads 401 as a refused token, with the server message', async () => {
    const fetchImpl = async () => json(401, { code: 'UNAUTHORIZED', message: 'token does not match' });
    await expect(checkSession(fetchImpl, 'x')).resolves.toEqual({ kind: 'unauthorized', message: 'token does not match' });
  });

  it('reads 403 without a JSON body as refused too', async () => {
    const fetchImpl = async () => new Response('Forbidden', { status: 403 });
    await expect(checkSession(fetchImpl, 'x')).resolves.toEqual({ kind: 'unauthorized', message: 'refused with HTTP 403' });
  });

  it('tells a network failure apart from a refusal', async () => {
    const fetchImpl = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    await expect(checkSession(fetchImpl, 'x')).resolves.toEqual({ kind: 'unreachable', message: 'Failed to fetch' });
  });

  it('leaves other statuses to the WebSocket to decide', async () => {
    await expect(checkSession(async () => new Response('', { status: 502 }), 'x')).resolves.toEqual({
      kind: 'unknown',
      status: 502,
    });
  });
});
