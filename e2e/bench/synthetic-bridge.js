/* global window, document, requestAnimationFrame, MutationObserver */
/**
 * The render benchmark's stand-in for main: installed in the page before the
 * built renderer boots (Playwright addInitScript), it poses as the Electron
 * preload bridge (window.tickdesk), so the real production bundle — client
 * with its zod checks, stores, watchlist rows, chart — runs unchanged. Only
 * the core is synthetic: N instruments on the watchlist, a tick generator at
 * a total rate, quotes coalesced to one push per animation frame as the real
 * market service does, JSON round-tripped like a WebSocket frame.
 *
 * It also measures, in the page: rAF frame deltas, tick → screen latency
 * (tick generated → its price text in the DOM → the next frame), and CSP
 * violations. Plain JavaScript: it is injected as text, never bundled.
 */
(() => {
  const cfg = window.__TICKDESK_BENCH__;
  const N = cfg.instruments;
  const TOKEN0 = 100_001;
  const DAY_START = Date.UTC(2026, 10, 20, 3, 45); // 09:15 IST
  const MINUTE = 60_000;

  // Deterministic PRNG (mulberry32): the same run makes the same market.
  let seed = cfg.seed >>> 0;
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const instruments = [];
  const quotes = new Map();
  for (let i = 0; i < N; i += 1) {
    const token = TOKEN0 + i;
    const close = 10_000 + Math.floor(random() * 400_000) * 5;
    instruments.push({
      token,
      exchangeToken: token,
      tradingsymbol: `BENCH${String(i).padStart(3, '0')}`,
      name: `BENCH INSTRUMENT ${i}`,
      exchange: 'NSE',
      segment: 'NSE',
      instrumentType: 'EQ',
      expiry: null,
      strike: null,
      lotSize: 1,
      tickSize: 5,
      freezeQty: null,
    });
    quotes.set(token, { token, ltp: close, open: close, high: close, low: close, close, change: 0, changePct: 0, volume: 0, oi: 0, bid: close - 5, ask: close + 5, bidQty: 10, askQty: 10, ts: Date.now() });
  }

  const health = () => ({
    feed: 'bench',
    simulated: true,
    connected: true,
    sessionPhase: 'open',
    simulatingOutsideHours: false,
    ticksPerSec: cfg.ratePerSec,
    accepted: stats.ticks,
    written: stats.ticks,
    dropped: Object.fromEntries(cfg.dropReasons.map((reason) => [reason, 0])),
    lagMs: { p50: 1, p99: 2 },
    writer: 'writing',
    journalBytes: 0,
    lastError: null,
    at: Date.now(),
  });

  // --- candles: a short history for every token, a year of 1m bars for the year probe -----------
  const candle = (token, timeframe, bucket, open, close, volume) => ({
    token,
    timeframe,
    bucket,
    open,
    high: Math.max(open, close) + 5,
    low: Math.max(5, Math.min(open, close) - 5),
    close,
    volume,
    trades: 3,
    vwap: null,
    oi: 0,
  });
  const history = (token, timeframe, bars, endBucket, stepMs) => {
    const out = [];
    let price = quotes.get(token).close;
    for (let i = bars - 1; i >= 0; i -= 1) {
      const next = Math.max(5, price + (Math.floor(random() * 21) - 10) * 5);
      out.push(candle(token, timeframe, endBucket - i * stepMs, price, next, 100 + Math.floor(random() * 5000)));
      price = next;
    }
    return out;
  };
  const stepOf = { '1s': 1_000, '1m': MINUTE, '5m': 5 * MINUTE, '15m': 15 * MINUTE, '1h': 60 * MINUTE, '1d': 86_400_000 };
  const live = new Map(); // `${token}/${timeframe}` -> forming candle
  let interest = [];
  const olderServed = new Map();

  // --- the bridge ---------------------------------------------------------------------------------
  const listeners = new Set();
  const wire = (value) => JSON.parse(JSON.stringify(value)); // what a WebSocket frame costs
  const emit = (event, payload) => {
    const decoded = wire(payload);
    for (const listener of listeners) listener(event, decoded);
  };
  const ok = (result) => Promise.resolve({ ok: true, result: wire(result) });
  const watchlist = () => instruments.map((instrument, position) => ({ token: instrument.token, position, addedAt: DAY_START, instrument }));

  const handlers = {
    'app.info': () => ({ name: 'Tickdesk', version: 'bench', mode: 'electron', serverTime: new Date().toISOString() }),
    'db.status': () => ({ state: 'ready', reason: null, version: '18.0', port: 1, pid: 1, dataDir: '/bench', sizeBytes: 1, schemaVersion: 'bench', restarts: 0, readySince: new Date().toISOString() }),
    'market.health': health,
    'watchlist.list': watchlist,
    'market.search': ({ query }) => instruments.filter((i) => i.tradingsymbol.includes(String(query).toUpperCase())).slice(0, 20),
    'market.quotes': ({ tokens }) => tokens.map((token) => quotes.get(token)).filter(Boolean),
    'market.watchCandles': ({ keys }) => {
      interest = keys;
      return { watching: keys.length };
    },
    'market.candles': ({ token, timeframe, before, limit }) => {
      const step = stepOf[timeframe];
      // Older pages (scrolling left) for as many pages as the config allows, then the start of history.
      if (before !== undefined) {
        const served = (olderServed.get(`${token}/${timeframe}`) ?? 0) + 1;
        olderServed.set(`${token}/${timeframe}`, served);
        return served > cfg.olderPages ? [] : history(token, timeframe, limit ?? 1000, before - step, step);
      }
      const end = Math.floor(Date.now() / step) * step;
      const year = cfg.yearTokens.includes(token) && timeframe === '1m';
      if (year) probe.yearCalledAt = performance.now();
      // A full first page when older pages are on offer (so the chart asks for them), else a short one.
      const bars = history(token, timeframe, year ? cfg.yearBars : cfg.olderPages > 0 ? limit : 300, end, step);
      live.set(`${token}/${timeframe}`, bars[bars.length - 1]);
      return bars;
    },
  };

  window.tickdesk = {
    kind: 'electron',
    invoke(method, args) {
      const handler = handlers[method];
      if (!handler) return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `bench: no ${method}` } });
      return ok(handler(args ?? {}));
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  // --- the feed: ticks at a total rate, one coalesced push per frame ------------------------------
  const stats = { ticks: 0, pushes: 0, quotesPushed: 0 };
  const changed = new Map(); // token -> quote since the last push
  const genAt = new Map(); // token -> performance.now() of the tick the next push carries
  const shownTick = new Map(); // token -> { ltp, at } pushed and not yet seen on screen
  let running = false;
  let owed = 0;
  let lastGen = 0;

  const tick = () => {
    const now = performance.now();
    owed += ((now - lastGen) * cfg.ratePerSec) / 1000;
    lastGen = now;
    const count = Math.floor(owed);
    owed -= count;
    const wall = Date.now();
    for (let k = 0; k < count; k += 1) {
      const token = TOKEN0 + Math.floor(random() * N);
      const q = quotes.get(token);
      const ltp = Math.max(5, q.ltp + (Math.floor(random() * 7) - 3) * 5);
      const next = {
        ...q,
        ltp,
        high: Math.max(q.high, ltp),
        low: Math.min(q.low, ltp),
        change: ltp - q.close,
        changePct: ((ltp - q.close) / q.close) * 100,
        volume: q.volume + 1 + Math.floor(random() * 50),
        bid: ltp - 5,
        ask: ltp + 5,
        ts: wall,
      };
      quotes.set(token, next);
      changed.set(token, next);
      genAt.set(token, now);
      stats.ticks += 1;
    }
  };

  const push = () => {
    if (changed.size > 0) {
      const batch = [...changed.values()];
      for (const q of batch) shownTick.set(q.token, { ltp: q.ltp, at: genAt.get(q.token) });
      changed.clear();
      stats.pushes += 1;
      stats.quotesPushed += batch.length;
      emit('market.quotes', batch);
    }
    // The chart's forming bar follows its instrument's last price.
    const updates = [];
    for (const key of interest) {
      const bar = live.get(`${key.token}/${key.timeframe}`);
      const q = quotes.get(key.token);
      if (!bar || !q) continue;
      const next = { ...bar, close: q.ltp, high: Math.max(bar.high, q.ltp), low: Math.min(bar.low, q.ltp), volume: bar.volume + 1 };
      live.set(`${key.token}/${key.timeframe}`, next);
      updates.push({ token: key.token, timeframe: key.timeframe, candle: next });
    }
    if (updates.length > 0) emit('market.candles', updates);
  };

  // --- measurement ---------------------------------------------------------------------------------
  // latencies: tick → its text in the DOM (MutationObserver); toFrame: tick → the next frame after that.
  const probe = { measuring: false, frames: [], latencies: [], toFrame: [], seenPending: [], cspViolations: [], yearCalledAt: null };
  let lastFrame = null;
  const frame = (t) => {
    if (probe.measuring && lastFrame !== null) probe.frames.push(t - lastFrame);
    lastFrame = t;
    // Price changes seen in the DOM since the last frame are on screen with this one.
    if (probe.seenPending.length > 0) {
      const now = performance.now();
      if (probe.measuring) for (const at of probe.seenPending) probe.toFrame.push(now - at);
      probe.seenPending = [];
    }
    if (running) push();
    requestAnimationFrame(frame);
  };

  const formatPaise = (paise) => {
    const whole = String(Math.trunc(paise / 100));
    const last3 = whole.slice(-3);
    const rest = whole.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
    return `${rest ? `${rest},${last3}` : last3}.${String(paise % 100).padStart(2, '0')}`;
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const cell = record.target.nodeType === 3 ? record.target.parentElement : record.target;
      if (!cell || cell.dataset?.testid !== 'watchlist-ltp') continue;
      const row = cell.closest('[data-token]');
      const token = row ? Number(row.dataset.token) : NaN;
      const pending = shownTick.get(token);
      if (!pending || formatPaise(pending.ltp) !== cell.textContent) continue;
      shownTick.delete(token);
      if (probe.measuring) probe.latencies.push(performance.now() - pending.at);
      probe.seenPending.push(pending.at);
    }
  });

  window.addEventListener('securitypolicyviolation', (event) => {
    probe.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });

  let feedTimer = null;
  window.__tickdeskBench = {
    startFeed() {
      if (running) return;
      running = true;
      lastGen = performance.now();
      feedTimer = setInterval(tick, 4);
      observer.observe(document.body, { subtree: true, characterData: true, childList: true });
    },
    stopFeed() {
      running = false;
      if (feedTimer !== null) clearInterval(feedTimer);
    },
    startMeasure() {
      probe.frames = [];
      probe.latencies = [];
      probe.toFrame = [];
      probe.measuring = true;
      stats.ticks = 0;
      stats.pushes = 0;
      stats.quotesPushed = 0;
      probe.startedAt = performance.now();
    },
    stopMeasure() {
      probe.measuring = false;
      const seconds = (performance.now() - probe.startedAt) / 1000;
      return { frames: probe.frames, latencies: probe.latencies, toFrame: probe.toFrame, seconds, ticks: stats.ticks, pushes: stats.pushes, quotesPushed: stats.quotesPushed };
    },
    /**
     * Clicks the row of one of the year tokens and times the chart: to its bars being set
     * (data-bars on the canvas element), and to the second frame after that,
     * by which the chart's own frame has painted them.
     */
    yearProbe(token) {
      return new Promise((resolve, reject) => {
        const row = document.querySelector(`[data-testid="watchlist-row"][data-token="${token}"]`);
        const canvas = document.querySelector('[data-testid="chart-canvas"]');
        if (!row || !canvas) return reject(new Error('year probe: no row or chart'));
        const started = performance.now();
        const watch = new MutationObserver(() => {
          if (canvas.dataset.bars !== String(cfg.yearBars)) return;
          watch.disconnect();
          const dataAt = performance.now();
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              resolve({ dataMs: dataAt - started, shownMs: performance.now() - started, callMs: probe.yearCalledAt === null ? null : probe.yearCalledAt - started }),
            ),
          );
        });
        watch.observe(canvas, { attributes: true, attributeFilter: ['data-bars'] });
        row.click();
      });
    },
    cspViolations: () => probe.cspViolations,
  };
  requestAnimationFrame(frame);
})();
