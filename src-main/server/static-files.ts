import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeFor, resolveUnderRoot, sendFile } from './static-paths';

export { contentTypeFor };

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
  return resolveUnderRoot(root, segments);
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
  return sendFile(
    res,
    filePath,
    {
      ...options.extraHeaders,
      'Content-Type': contentTypeFor(filePath),
      'Content-Length': String(size),
      // index.html names the current asset hashes and must never be stale;
      // hashed assets never change under their name.
      'Cache-Control': isHtml ? 'no-store' : hashedAsset ? 'private, max-age=31536000, immutable' : 'no-cache',
    },
    options.headOnly,
  );
}
