import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Page } from '@playwright/test';
import { dropReasonsList } from '../../src-shared/market/feed-health';
import { repoRoot } from '../fixtures/tickdesk-server';

/**
 * The built renderer with the synthetic core of synthetic-bridge.js instead
 * of main: for what the real feed cannot set up on demand (a year of
 * history, 500 instruments at 10,000 ticks/s).
 */
export interface HarnessConfig {
  instruments: number;
  ratePerSec: number;
  yearBars: number;
  yearTokens: number[];
  /** Older history pages served when the chart scrolls left (then: start of history). */
  olderPages: number;
  seed: number;
}

export const defaultHarness: HarnessConfig = { instruments: 5, ratePerSec: 50, yearBars: 1000, yearTokens: [], olderPages: 0, seed: 7 };

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

export async function serveRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  const base = join(repoRoot, 'out', 'renderer');
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = normalize(join(base, path === '/' ? 'index.html' : path));
    if (!file.startsWith(base + sep)) return void res.writeHead(403).end();
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Installs the synthetic core before the page's own scripts run. */
export async function installSyntheticCore(page: Page, config: Partial<HarnessConfig> = {}): Promise<void> {
  const full = { ...defaultHarness, ...config, dropReasons: dropReasonsList };
  const bridge = await readFile(join(repoRoot, 'e2e', 'bench', 'synthetic-bridge.js'), 'utf8');
  await page.addInitScript({ content: `window.__TICKDESK_BENCH__ = ${JSON.stringify(full)};\n${bridge}` });
}
