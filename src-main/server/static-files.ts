import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
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
 * The Content-Security-Policy of every browser-mode response. `host` is a
 * Host header already checked to be a loopback name, so it cannot inject.
 * connect-src names ws:// explicitly for browsers that do not yet count a
 * same-origin WebSocket as 'self'.
 */
export function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ws://${host}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Headers every response carries, the 401 and 403 pages included. */
export function securityHeaders(host: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(host),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/**
 * Maps a URL path to a file inside `root`, or null when it must not be
 * served: undecodable, NUL bytes, backslashes, `..` or hidden segments, or
 * anything that would resolve outside the root.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s.startsWith('.') || s.includes(':'))) return null;
  if (segments.length === 0) segments.push('index.html');
  const base = path.resolve(root);
  const full = path.resolve(base, ...segments);
  if (full !== base && !full.startsWith(base + path.sep)) return null;
  return full;
}

export type StaticResult = 'served' | 'not-found';

/**
 * Streams one file of the built renderer. Symlinks are followed only when
 * their target stays inside the root.
 */
export async function serveStaticFile(
  root: string,
  urlPath: string,
  res: ServerResponse,
  options: { headOnly: boolean; extraHeaders: Record<string, string> },
): Promise<StaticResult> {
  const candidate = resolveStaticPath(root, urlPath);
  if (candidate === null) return 'not-found';
  let filePath: string;
  let size: number;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (realFile !== realRoot && !realFile.startsWith(realRoot + path.sep)) return 'not-found';
    const info = await stat(realFile);
    if (!info.isFile()) return 'not-found';
    filePath = realFile;
    size = info.size;
  } catch {
    return 'not-found';
  }

  const isHtml = path.extname(filePath).toLowerCase() === '.html';
  const hashedAsset = /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(urlPath);
  res.writeHead(200, {
    ...options.extraHeaders,
    'Content-Type': contentTypeFor(filePath),
    'Content-Length': String(size),
    // index.html names the current asset hashes and must never be stale;
    // hashed assets never change under their name.
    'Cache-Control': isHtml ? 'no-store' : hashedAsset ? 'private, max-age=31536000, immutable' : 'no-cache',
  });
  if (options.headOnly) {
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
