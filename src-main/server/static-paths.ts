/**
 * What every file-serving path shares (the browser server's static files and
 * CSV exports, the Electron app:// protocol): the content-type table, the last
 * check that a path stays under its root, and streaming one file into a Node
 * response. Plain Node: src-main/electron/ imports this, never the reverse.
 */
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * `segments` (already checked by the caller: no empty, dot or hidden ones)
 * joined under `root`, or null when the result is the root itself or lies
 * outside it.
 */
export function resolveUnderRoot(root: string, segments: readonly string[]): string | null {
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

/**
 * Answers 200 with `headers` and, unless `headOnly`, the bytes of `filePath`.
 * Resolves once the file is sent, the client has gone, or reading failed (the
 * response is then destroyed: its length was already promised).
 */
export async function sendFile(res: ServerResponse, filePath: string, headers: Record<string, string>, headOnly: boolean): Promise<'served'> {
  res.writeHead(200, headers);
  if (headOnly) {
    res.end();
    return 'served';
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(filePath);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', () => resolve());
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
  return 'served';
}
