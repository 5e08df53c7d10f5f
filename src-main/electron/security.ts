/**
 * The renderer's trust boundary, as pure functions: which URLs are ours, which
 * sender may call main, which links may leave for the system browser, and the
 * Content-Security-Policy. main.ts wires them into Electron; tests pin them.
 */

/** A privileged standard scheme, so the app has a real origin (not file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tickdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Chromium reports frame URLs canonicalised: no spaces, controls or backslashes. */
function hasNonCanonicalChars(url: string): boolean {
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}
const MAX_URL_LENGTH = 8192;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isSameOrigin(url: string, origin: string): boolean {
  // Prefix first: `app://tickdesk.evil/`, `app://tickdesk@evil/` and
  // `app://tickdesk:1/` all fail here, before any parser can be clever.
  if (!url.startsWith(`${origin}/`)) return false;
  const parsed = parseUrl(url);
  const expected = parseUrl(`${origin}/`);
  if (!parsed || !expected) return false;
  return (
    // Anything Chromium would have rewritten (dot segments, case) did not come from a real frame.
    parsed.href === url &&
    parsed.protocol === expected.protocol &&
    parsed.host === expected.host &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Whether `url` (a frame's URL, a navigation target) belongs to the app.
 * `devOrigin` is the electron-vite dev server's origin and must be passed
 * only when running unpackaged with ELECTRON_RENDERER_URL set.
 */
export function isTrustedAppUrl(url: unknown, appOrigin: string, devOrigin: string | null = null): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return false;
  if (hasNonCanonicalChars(url)) return false;
  if (isSameOrigin(url, appOrigin)) return true;
  return devOrigin !== null && isSameOrigin(url, devOrigin);
}

/**
 * The dev server's origin from ELECTRON_RENDERER_URL, or null when it is not a
 * loopback http(s) URL: a dev override must never make a remote page trusted.
 */
export function devServerOrigin(rendererUrl: string | undefined): string | null {
  if (rendererUrl === undefined || rendererUrl === '') return null;
  const parsed = parseUrl(rendererUrl);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  const loopback = ['localhost', '127.0.0.1', '[::1]'];
  return loopback.includes(parsed.hostname) ? parsed.origin : null;
}

/** Links the app may hand to the system browser: https only, no credentials. */
export function isSafeExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH || hasNonCanonicalChars(url)) return false;
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === 'https:' &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** What main knows about an IPC call's sender. */
export interface IpcSender {
  /** webContents id of the sender. */
  senderId: number;
  /** webContents id of the app window, null once it is gone. */
  windowId: number | null;
  /** URL of the sending frame, null when the frame navigated away or died. */
  frameUrl: string | null;
  /** True when the sending frame is its page's main frame (not an iframe). */
  isMainFrame: boolean;
}

/** IPC is accepted only from the main frame of our own window showing our own page. */
export function isTrustedSender(sender: IpcSender, appOrigin: string, devOrigin: string | null = null): boolean {
  return (
    sender.windowId !== null &&
    sender.senderId === sender.windowId &&
    sender.isMainFrame &&
    isTrustedAppUrl(sender.frameUrl, appOrigin, devOrigin)
  );
}

/**
 * The renderer's Content-Security-Policy. Production allows only the app's own
 * files: no inline or eval'd script, no plugins, no frames, no form posts.
 * In development Vite's dev server needs its origin, its HMR socket and the
 * inline React-refresh preamble; that relaxation never ships.
 */
export function buildCsp(options: { devOrigin?: string | null } = {}): string {
  const dev = options.devOrigin ?? null;
  const devSocket = dev === null ? null : dev.replace(/^http/, 'ws');
  const self = (...extra: Array<string | null>) => ["'self'", ...extra.filter((s): s is string => s !== null)].join(' ');
  const directives: Array<[string, string]> = [
    ['default-src', "'none'"],
    ['script-src', dev === null ? self() : self("'unsafe-inline'", dev)],
    ['style-src', dev === null ? self() : self("'unsafe-inline'", dev)],
    ['img-src', self('data:', 'blob:', dev)],
    ['font-src', self('data:', dev)],
    ['connect-src', self(dev, devSocket)],
    ['worker-src', self('blob:')],
    ['manifest-src', self()],
    ['media-src', "'none'"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}
