import { readFile } from 'node:fs/promises';
import { contentTypeFor, resolveUnderRoot } from '../server/static-paths';
import { APP_HOST, APP_SCHEME } from './security';

/**
 * Serves the built renderer under app://tickdesk/ from one folder and nothing
 * outside it. Plain Node (fetch's Request/Response), so it is tested without
 * Electron; main.ts hands the handler to protocol.handle.
 */

export { contentTypeFor };

/**
 * The file a request URL names inside `root`, or null when the URL is not
 * ours or would leave the folder (dot segments, encoded slashes, backslashes,
 * NUL, drive letters, hidden files).
 */
export function resolveRendererPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  // Colons too: on Windows `C:` or `file:stream` would name something else.
  if (!pathname.startsWith('/') || /[\\:]/.test(pathname) || pathname.includes('\0')) return null;

  const segments = pathname.slice(1).split('/');
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return null;

  return resolveUnderRoot(root, segments);
}

export interface AppRequestHandlerOptions {
  /** The built renderer folder (out/renderer). */
  root: string;
  /** Content-Security-Policy sent with every response. */
  csp: string;
  read?: (file: string) => Promise<Uint8Array>;
}

export function createAppRequestHandler(options: AppRequestHandlerOptions): (request: Request) => Promise<Response> {
  const read = options.read ?? readFile;
  const headers = (contentType: string): Record<string, string> => ({
    'Content-Type': contentType,
    'Content-Security-Policy': options.csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  });
  const plain = (status: number, text: string) =>
    new Response(text, { status, headers: headers('text/plain; charset=utf-8') });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveRendererPath(options.root, request.url);
    if (file === null) return plain(404, 'Not found');
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return plain(404, 'Not found');
      return plain(500, 'Could not read the file');
    }
    const response = headers(contentTypeFor(file));
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: response });
  };
}
