import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import WebSocket from 'ws';
import { startServer, type TickdeskServer } from '../fixtures/tickdesk-server';

/**
 * Helpers for the fault specs: a server with extra environment, a Node
 * WebSocket client speaking the contract's frames, and a folder hash for
 * "user data never deleted".
 */

/** startServer() inherits process.env; set the variables only for the spawn. */
export async function startServerWithEnv(env: Record<string, string>, options: Parameters<typeof startServer>[0] = {}): Promise<TickdeskServer> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await startServer(options);
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

export type Outcome = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

/** A contract client over the browser-mode WebSocket (token in the query, Origin = the page's). */
export class WsClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (outcome: Outcome) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as { type: string; id?: number } & Outcome;
      if (frame.type !== 'result' || frame.id === undefined) return;
      this.waiting.get(frame.id)?.(frame);
      this.waiting.delete(frame.id);
    });
  }

  static open(server: Pick<TickdeskServer, 'port' | 'token' | 'origin'>): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { headers: { Origin: server.origin } });
      ws.once('open', () => resolve(new WsClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`websocket refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** Resolves with the outcome; never resolves if the server dies first (the caller races it). */
  call(method: string, args: unknown): Promise<Outcome> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ type: 'call', id, method, args }));
    });
  }

  async callOk<T>(method: string, args: unknown): Promise<T> {
    const outcome = await this.call(method, args);
    if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.code} ${outcome.error.message}`);
    return outcome.result as T;
  }

  close(): void {
    this.ws.terminate();
  }
}

/** sha256 of every file (path, mode, content) under a folder, sorted: equal hashes = untouched. */
export async function hashFolder(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else {
        const digest = createHash('sha256').update(await readFile(full)).digest('hex');
        files[path.relative(root, full)] = `${(await stat(full)).mode.toString(8)}:${digest}`;
      }
    }
  };
  await walk(root);
  return files;
}
