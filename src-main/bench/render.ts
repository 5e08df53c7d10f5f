import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type * as PlaywrightTest from '@playwright/test';
import { dropReasonsList } from '../../src-shared/market/feed-health';

/**
 * `bench render`: the built renderer (out/renderer, the production bundle) in
 * Debian's Chromium, with a synthetic core behind the preload-bridge shape
 * (e2e/bench/synthetic-bridge.js): N instruments on the watchlist, ticks at a
 * total rate coalesced to one push per frame, the chart on the first row.
 * Everything from the client (zod checks) to the DOM and the canvas is the
 * real app; only the data source is made up, so the numbers measure the
 * screen, not the feed or the database.
 *
 * Prints: frame time p95 (rAF deltas), tick → DOM p99, and the time to show a
 * year of 1-minute candles (~94,000 bars) after clicking a row; with the
 * main thread's CPU use, which (unlike frame times) barely depends on what
 * else the machine is running. The synthetic core runs in the page too, so
 * its tick generation and JSON round trip are in that figure.
 */
export async function benchRender(argv: string[]): Promise<Record<string, number | string>> {
  const option = (name: string, fallback: number): number => {
    const at = argv.indexOf(`--${name}`);
    const value = at === -1 ? Number.NaN : Number(argv[at + 1]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const seconds = option('seconds', 10);
  const warmupSeconds = option('warmup', 3);
  const instruments = Math.min(500, Math.round(option('instruments', 500)));
  const ratePerSec = Math.round(option('rate', 10_000));
  const yearBars = Math.round(option('bars', 94_000));
  const root = process.cwd();
  const rendererDir = join(root, 'out', 'renderer');
  const bridgePath = join(root, 'e2e', 'bench', 'synthetic-bridge.js');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`${rendererDir}/index.html is missing: run \`npm run build\` first`);
  if (!existsSync(bridgePath)) throw new Error(`${bridgePath} is missing: run the bench from the repository root`);

  const config = { instruments, ratePerSec, yearBars, yearTokens: [100_002, 100_003], olderPages: 0, seed: 7, dropReasons: dropReasonsList };
  const bridge = `window.__TICKDESK_BENCH__ = ${JSON.stringify(config)};\n${await readFile(bridgePath, 'utf8')}`;
  const server = await serveStatic(rendererDir);
  // A variable specifier keeps the bundler from inlining Playwright: it is a dev tool, loaded at run time.
  const playwrightModule = '@playwright/test';
  const { chromium } = (await import(/* @vite-ignore */ playwrightModule)) as typeof PlaywrightTest;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.addInitScript({ content: bridge });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="watchlist-row"]').length === n, instruments, { timeout: 60_000 });
    await page.waitForSelector('[data-testid="chart-canvas"][data-bars]', { timeout: 60_000 });

    await page.evaluate(() => window.__tickdeskBench.startFeed());
    await page.waitForTimeout(warmupSeconds * 1000);
    // Main-thread CPU time over the window: unlike frame times it hardly changes with what else the
    // machine runs, so it says how much of one core the screen needs at this load.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const before = await threadTime(cdp);
    await page.evaluate(() => window.__tickdeskBench.startMeasure());
    await page.waitForTimeout(seconds * 1000);
    const run = await page.evaluate(() => window.__tickdeskBench.stopMeasure());
    const cpuSeconds = (await threadTime(cdp)) - before;
    // A year of candles, once while the feed keeps ticking and once with it quiet.
    const yearUnderTicks = await page.evaluate(() => window.__tickdeskBench.yearProbe(100_002));
    await page.evaluate(() => window.__tickdeskBench.stopFeed());
    await page.waitForTimeout(500);
    const year = await page.evaluate(() => window.__tickdeskBench.yearProbe(100_003));
    const csp = await page.evaluate(() => window.__tickdeskBench.cspViolations());

    return {
      mode: 'built renderer + synthetic bridge',
      instruments,
      ratePerSec,
      measuredSeconds: round(run.seconds, 1),
      ticksGenerated: run.ticks,
      ticksPerSecAchieved: Math.round(run.ticks / run.seconds),
      pushesPerSec: round(run.pushes / run.seconds, 1),
      quotesPerPush: round(run.quotesPushed / Math.max(1, run.pushes), 1),
      frames: run.frames.length,
      frameTimeP50Ms: round(percentile(run.frames, 50), 2),
      frameTimeP95Ms: round(percentile(run.frames, 95), 2),
      frameTimeMaxMs: round(Math.max(0, ...run.frames), 2),
      mainThreadCpuPct: round((cpuSeconds / run.seconds) * 100, 1),
      tickToScreenSamples: run.latencies.length,
      tickToScreenP50Ms: round(percentile(run.latencies, 50), 2),
      tickToScreenP99Ms: round(percentile(run.latencies, 99), 2),
      tickToNextFrameP99Ms: round(percentile(run.toFrame, 99), 2),
      yearBars,
      yearCandlesDataMs: round(year.dataMs, 1),
      yearCandlesShownMs: round(year.shownMs, 1),
      yearCandlesUnderTicksShownMs: round(yearUnderTicks.shownMs, 1),
      cspViolations: csp.length,
      cspFirstViolation: csp[0] ?? '',
      consoleErrors: consoleErrors.length,
    };
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.close(() => done()));
  }
}

/** What the page exposes (e2e/bench/synthetic-bridge.js); the node tsconfig has no DOM types. */
interface BenchRun {
  frames: number[];
  latencies: number[];
  toFrame: number[];
  seconds: number;
  ticks: number;
  pushes: number;
  quotesPushed: number;
}
interface BenchPage {
  startFeed(): void;
  stopFeed(): void;
  startMeasure(): void;
  stopMeasure(): BenchRun;
  yearProbe(token: number): Promise<{ dataMs: number; shownMs: number }>;
  cspViolations(): string[];
}
declare const window: { __tickdeskBench: BenchPage };
declare const document: { querySelectorAll(selector: string): { length: number } };

async function threadTime(cdp: PlaywrightTest.CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? Number.NaN;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** The built renderer over loopback HTTP (a file:// page would not load its module scripts). */
async function serveStatic(dir: string): Promise<Server> {
  const base = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(base, path === '/' ? 'index.html' : path));
    if (!file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}
