/**
 * The browser-mode WebSocket (startBrowserServer → ws-server.ts) fed random
 * text, truncated JSON, wrong shapes, deep nesting, prototype keys, frames
 * over MAX_FRAME_BYTES, binary frames and invalid UTF-8. The core behind it is
 * a fake on the real registry whose handlers also throw, reject late and
 * return what JSON cannot carry. The server must answer exactly the frames
 * whose id it can recover, each with a call envelope, close the socket with
 * the right code for what it refuses outright, and serve a fresh socket after.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { methodNames } from '../../src-shared/contract';
import { MAX_FRAME_BYTES } from '../../src-shared/contract/wire';
import { appHandlers } from '../api/app';
import { dispatch, type Handlers } from '../api/registry';
import { unavailableHandlers } from '../testing/fakes/handlers';
import { EventBus } from '../events';
import { silentLogger } from '../log';
import { startBrowserServer, type BrowserServer } from './browser-server';
import { recoverId } from './ws-calls';
import type { ServerCore } from './ws-server';
import { watchProcess, type ProcessWatch } from '../testing/fuzz/process-watch';
import { createFuzz, type Fuzz } from '../testing/fuzz/random-values';
import { envelopeProblem, sampleFor } from '../testing/fuzz/valid-args';

const BURSTS = 60;
const FRAMES_PER_BURST = 250;

function fakeCore(): ServerCore {
  const handlers: Handlers = {
    ...unavailableHandlers(),
    ...appHandlers({ version: '9.9.9', mode: 'browser' }),
    // Every way a handler can end: a plain Error, a late rejection, a result JSON cannot carry.
    'market.health': () => {
      throw new Error('boom');
    },
    'orders.list': () => new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 1)),
    'positions.list': () => [{ big: 1n }] as never,
  };
  const bus = new EventBus();
  return { dispatch: (method, args, ctx) => dispatch(handlers, method, args, ctx), onEvent: (listener) => bus.subscribe(listener) };
}

/** The server's own rule for which frames get an answer (ws-server.ts): the id it can recover. */
function expectedId(text: string): number | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return recoverId(text);
  }
  if (typeof parsed !== 'object' || parsed === null || !('id' in parsed)) return null;
  const id = (parsed as { id: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

let nextId = 1_000_000;
function frameText(fuzz: Fuzz): string {
  const id = nextId++;
  const method = fuzz.chance(0.8) ? fuzz.pick(methodNames) : fuzz.string();
  const args = fuzz.chance(0.5) ? fuzz.mutate(sampleFor(method as never)) : fuzz.value(3);
  const call: Record<string, unknown> = { type: 'call', id, method, args };
  switch (fuzz.int(8)) {
    case 0:
    case 1:
      return JSON.stringify(call); // a call, valid or not in its args
    case 2:
      return JSON.stringify(fuzz.mutate(call)); // the frame's own shape broken
    case 3: {
      const text = JSON.stringify(call);
      return text.slice(0, fuzz.int(text.length)); // truncated
    }
    case 4:
      return fuzz.string();
    case 5: {
      // Nesting far past any recursion budget: JSON.parse, zod and the logger must cope.
      const depth = fuzz.chance(0.03) ? 100_000 : fuzz.pick([1_000, 5_000]);
      const deep = '['.repeat(depth) + ']'.repeat(depth);
      return fuzz.chance(0.5) ? deep : `{"type":"call","id":${id},"method":"app.info","args":${deep}}`;
    }
    case 6:
      return `{"type":"call","id":${id},"method":"app.info","args":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}`;
    default:
      return JSON.stringify(fuzz.value(3)) ?? 'undefined';
  }
}

let dir: string;
let server: BrowserServer;
let cookie: string;
let watch: ProcessWatch;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tickdesk-wsfuzz-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html>');
  server = await startBrowserServer({ core: fakeCore(), staticDir: dir, port: 0, log: silentLogger, throttle: { freeFailures: 1_000 } });
  cookie = `tickdesk_session_${server.port}=${server.token}`;
  watch = watchProcess();
});

afterAll(async () => {
  watch?.stop();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { headers: { cookie }, origin: `http://127.0.0.1:${server.port}` });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** A valid call on a fresh socket: the server still serves after whatever came before. */
async function stillServes(): Promise<void> {
  const ws = await open();
  const reply = new Promise<Record<string, unknown>>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)));
  ws.send(JSON.stringify({ type: 'call', id: 1, method: 'app.info', args: {} }));
  expect(await reply).toMatchObject({ type: 'result', id: 1, ok: true, result: { version: '9.9.9' } });
  ws.close();
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

describe('browser-mode WebSocket, fuzzed', () => {
  it(`answers exactly the recoverable ids of ${(BURSTS * FRAMES_PER_BURST).toLocaleString('en')} hostile frames, each with an envelope`, async () => {
    const fuzz = createFuzz(0x3eb5_2026);
    const started = performance.now();
    let frames = 0;
    let answered = 0;
    const problems: string[] = [];
    const ws = await open();
    const received: number[] = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      const problem = frame.type === 'result' ? envelopeProblem(frame) : `unexpected ${String(frame.type)} frame`;
      if (problem) problems.push(problem);
      received.push(frame.id as number);
    });
    for (let burst = 0; burst < BURSTS; burst++) {
      const expected: number[] = [];
      for (let k = 0; k < FRAMES_PER_BURST; k++) {
        const text = frameText(fuzz);
        const id = expectedId(text);
        if (id !== null) expected.push(id);
        ws.send(text);
        frames += 1;
      }
      // The sentinel: answered after everything before it was at least parsed.
      const sentinel = nextId++;
      expected.push(sentinel);
      ws.send(JSON.stringify({ type: 'call', id: sentinel, method: 'app.info', args: {} }));
      const deadline = Date.now() + 10_000;
      while (received.length < expected.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
      expect(received.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
      answered += received.length;
      received.length = 0;
    }
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
    console.info(`[fuzz] ws frames: ${frames} frames (${answered} answered) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(problems.slice(0, 5)).toEqual([]);
    expect(answered).toBeGreaterThan(frames / 2);
  }, 60_000);

  it('closes with 1009 for a frame over MAX_FRAME_BYTES, 1003 for binary, 1007 for invalid UTF-8, and serves a fresh socket after each', async () => {
    const fuzz = createFuzz(0x1009);
    const started = performance.now();
    const cases: Array<{ send: (ws: WebSocket) => void; code: number }> = [
      { send: (ws) => ws.send('x'.repeat(MAX_FRAME_BYTES + 1)), code: 1009 },
      { send: (ws) => ws.send(`{"type":"call","id":5,"method":"app.info","args":"${'y'.repeat(MAX_FRAME_BYTES)}"}`), code: 1009 },
      { send: (ws) => ws.send(Buffer.from(JSON.stringify({ type: 'call', id: 1, method: 'app.info', args: {} })), { binary: true }), code: 1003 },
      { send: (ws) => ws.send(Buffer.from([0xff, 0xfe, 0x00, 0xc3]), { binary: false }), code: 1007 },
    ];
    for (let k = 0; k < 8; k++) {
      const bytes = Buffer.from(Array.from({ length: 1 + fuzz.int(64) }, () => fuzz.int(256)));
      cases.push({ send: (ws) => ws.send(bytes, { binary: true }), code: 1003 });
    }
    for (const c of cases) {
      const ws = await open();
      const closed = closeCode(ws);
      c.send(ws);
      expect(await closed).toBe(c.code);
      await stillServes();
    }
    console.info(`[fuzz] ws closing frames: ${cases.length} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(watch.uncaught).toEqual([]);
    expect(watch.unhandled).toEqual([]);
  }, 60_000);
});
