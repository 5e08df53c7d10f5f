import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { binary, launchArgs, launchEnv, SKIP_REASON } from './electron-env';
import { TerminalWindow } from './terminal-window';

const APP_URL = 'app://tickdesk/index.html';

test.skip(!binary.found, SKIP_REASON);
test.describe.configure({ mode: 'serial' });

let app: ElectronApplication | null = null;
let terminal: TerminalWindow;
let home = '';

/** Every postmaster.pid under the data folder: PostgreSQL removes its own on a clean stop. */
async function postmasterPids(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile() && entry.name === 'postmaster.pid').map((entry) => path.join(entry.parentPath, entry.name));
}

test.beforeAll(async () => {
  if (!binary.found) return;
  home = await mkdtemp(path.join(tmpdir(), 'tickdesk-electron-'));
  app = await electron.launch({
    executablePath: binary.path,
    args: launchArgs(),
    env: launchEnv({ TICKDESK_HOME: home }),
    timeout: 60_000,
  });
  terminal = new TerminalWindow(await app.firstWindow());
});

test.afterAll(async () => {
  await app?.close().catch(() => {});
  if (home !== '') await rm(home, { recursive: true, force: true });
});

test('the window loads the app from its own origin', async () => {
  await terminal.page.waitForLoadState('domcontentloaded');
  expect(terminal.page.url()).toBe(APP_URL);
  await expect(terminal.appMode).toHaveText(/electron/i);
  await expect(terminal.istClock).toContainText('IST');
});

test('the database becomes ready', async () => {
  await expect(terminal.dbState).toHaveText(/ready/i, { timeout: 90_000 });
});

test('the page gets the bridge and nothing of Node', async () => {
  expect(await terminal.sandboxProbe()).toEqual({
    bridge: 'object',
    bridgeKeys: ['invoke', 'kind', 'onEvent'],
    kind: 'electron',
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    buffer: 'undefined',
  });
});

test('calls go through the bridge and unknown methods are refused in the preload', async () => {
  expect(await terminal.invoke('app.info', {})).toMatchObject({ ok: true, result: { name: 'Tickdesk', mode: 'electron' } });
  expect(await terminal.invoke('fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await terminal.invoke('app.info', { unexpected: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

test('window.open returns null and opens nothing', async () => {
  expect(await terminal.tryWindowOpen(['about:blank', 'http://127.0.0.1:9/', APP_URL])).toEqual([null, null, null]);
  expect(app?.windows()).toHaveLength(1);
});

test('navigation to another origin is blocked', async () => {
  await terminal.tryNavigate('http://127.0.0.1:9/elsewhere');
  await terminal.tryNavigate('file:///etc/passwd');
  // A refused navigation leaves nothing to wait for: give it time to (not) happen.
  await terminal.page.waitForTimeout(1_000);
  expect(terminal.page.url()).toBe(APP_URL);
  await expect(terminal.dbState).toBeVisible();
});

test('the CSP keeps page scripts off the network', async () => {
  // A live loopback server that would answer: only the CSP can keep the request in.
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end('hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    expect(await terminal.tryFetch(APP_URL)).toBe('reached');
    expect(await terminal.tryFetch(`http://127.0.0.1:${port}/`)).toBe('blocked');
    expect(hits).toBe(0);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('the app quits cleanly and stops PostgreSQL', async () => {
  const running = app;
  if (!running) throw new Error('the app did not start');
  expect(await postmasterPids(home)).not.toHaveLength(0);
  const exited = new Promise<number | null>((resolve) => running.process().once('exit', (code) => resolve(code)));
  await running.close();
  app = null;
  expect(await exited).toBe(0);
  expect(await postmasterPids(home)).toEqual([]);
});
