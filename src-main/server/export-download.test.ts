import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dispatch } from '../api/registry';
import { unavailableHandlers } from '../testing/fakes/handlers';
import { EventBus } from '../events';
import { silentLogger } from '../log';
import { startBrowserServer, type BrowserServer } from './index';

/** GET /exports/<name> through the real browser-mode server: gated, strict names, attachment. */

const TOKEN = 'T'.repeat(43);
const NAME = 'tickdesk-audit-2026-03-01_2026-03-05-RELIANCE-20260305-101500.csv';
let dir: string;
let server: BrowserServer;

function get(urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: urlPath, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tickdesk-download-'));
  const exportsDir = path.join(dir, 'exports');
  await mkdir(path.join(dir, 'renderer'), { recursive: true });
  await mkdir(exportsDir);
  await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html>');
  await writeFile(path.join(exportsDir, NAME), 'event_id\r\n1\r\n');
  await writeFile(path.join(exportsDir, `${NAME}.partial`), 'half');
  await writeFile(path.join(dir, 'secret.csv'), 'secret');
  await symlink(path.join(dir, 'secret.csv'), path.join(exportsDir, NAME.replace('101500', '101501')));
  const bus = new EventBus();
  const handlers = unavailableHandlers();
  server = await startBrowserServer({
    core: { dispatch: (m, a, c) => dispatch(handlers, m, a, c), onEvent: (l) => bus.subscribe(l) },
    staticDir: path.join(dir, 'renderer'),
    port: 0,
    log: silentLogger,
    token: TOKEN,
    exportsDir,
  });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('export downloads', () => {
  test('with the token: the file, as an attachment, never cached', async () => {
    const reply = await get(`/exports/${NAME}?token=${TOKEN}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('event_id\r\n1\r\n');
    expect(reply.headers['content-disposition']).toBe(`attachment; filename="${NAME}"`);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  test('without the token: refused by the gate', async () => {
    expect((await get(`/exports/${NAME}`)).status).toBe(401);
    expect((await get(`/exports/${NAME}?token=wrong`)).status).toBe(401);
  });

  test.each([
    `/exports/${NAME}.partial`,
    '/exports/..%2Fsecret.csv',
    '/exports/../secret.csv',
    '/exports/secret.csv',
    `/exports/${NAME.replace('101500', '101501')}`,
    '/exports/%E0%A4%A',
    `/exports/${NAME.replace('.csv', '.CSV')}`,
  ])('%s is not served', async (urlPath) => {
    expect((await get(`${urlPath}${urlPath.includes('?') ? '&' : '?'}token=${TOKEN}`)).status).toBe(404);
  });
});
