import { describe, expect, it } from 'vitest';
import type { DbStatus } from '../domain/db-status';
import { createClient } from './client';
import { ContractError } from './errors';
import type { Transport } from './transport';
import type { CallOutcome } from './wire';

const status: DbStatus = {
  state: 'restarting',
  reason: 'PostgreSQL exited (signal SIGKILL); restarting',
  version: null,
  port: null,
  pid: null,
  dataDir: '/data',
  sizeBytes: null,
  schemaVersion: null,
  restarts: 1,
  readySince: null,
};

function fakeTransport(answer: (method: string, args: unknown) => CallOutcome) {
  let push: (event: string, payload: unknown) => void = () => {};
  const transport: Transport = {
    invoke: async (method, args) => answer(method, args),
    onEvent(listener) {
      push = listener;
      return () => {};
    },
  };
  return { transport, push: (event: string, payload: unknown) => push(event, payload) };
}

describe('contract client', () => {
  it('returns validated results and rethrows envelopes as ContractError', async () => {
    const { transport } = fakeTransport((method) =>
      method === 'db.status'
        ? { ok: true, result: status }
        : { ok: false, error: { code: 'UNAVAILABLE', message: 'not now' } },
    );
    const client = createClient(transport);
    await expect(client.call('db.status', {})).resolves.toEqual(status);
    const failure = await client.call('app.info', {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ContractError);
    expect(failure).toMatchObject({ code: 'UNAVAILABLE', message: 'not now' });
  });

  it('reports a malformed result instead of passing it on', async () => {
    const { transport } = fakeTransport(() => ({ ok: true, result: { state: 'weird' } }));
    await expect(createClient(transport).call('db.status', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('delivers only well-formed events to their listeners', () => {
    const { transport, push } = fakeTransport(() => ({ ok: true, result: null }));
    const client = createClient(transport);
    const seen: DbStatus[] = [];
    const off = client.on('db.status', (payload) => seen.push(payload));
    push('db.status', status);
    push('db.status', { state: 'nonsense' });
    push('unknown.event', status);
    off();
    push('db.status', status);
    expect(seen).toEqual([status]);
  });
});
