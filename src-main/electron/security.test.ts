import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  buildCsp,
  devServerOrigin,
  isSafeExternalUrl,
  isTrustedAppUrl,
  isTrustedSender,
} from './security';

const DEV = 'http://localhost:5173';

describe('isTrustedAppUrl', () => {
  it.each([
    APP_ENTRY_URL,
    `${APP_ORIGIN}/`,
    `${APP_ORIGIN}/index.html#/orders`,
    `${APP_ORIGIN}/index.html?pane=db`,
    `${APP_ORIGIN}/assets/index-abc123.js`,
  ])('trusts our own page %s', (url) => {
    expect(isTrustedAppUrl(url, APP_ORIGIN)).toBe(true);
  });

  it.each([
    ['a look-alike host', 'app://tickdesk.evil.com/index.html'],
    ['a look-alike host without path', 'app://tickdesk.evil.com'],
    ['userinfo hiding another host', 'app://tickdesk@evil/index.html'],
    ['userinfo with password', 'app://tickdesk:pw@evil/'],
    ['our name as userinfo of our host', 'app://x@tickdesk/index.html'],
    ['a port', 'app://tickdesk:8080/index.html'],
    ['a trailing-dot host', 'app://tickdesk./index.html'],
    ['a host with an encoded dot', 'app://tickdesk%2eevil/'],
    ['a file URL', 'file:///etc/passwd'],
    ['a file URL of the renderer', 'file:///opt/tickdesk/out/renderer/index.html'],
    ['loopback http', 'http://127.0.0.1/'],
    ['loopback http with our path', 'http://127.0.0.1:5173/index.html'],
    ['a dot-dot path', 'app://tickdesk/../x'],
    ['an encoded dot-dot path', 'app://tickdesk/%2e%2e/x'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['a javascript URL naming us', 'javascript://app://tickdesk/%0aalert(1)'],
    ['a data URL', 'data:text/html,<script>alert(1)</script>'],
    ['a blob URL of our origin', 'blob:app://tickdesk/1b2c3d'],
    ['about:blank', 'about:blank'],
    ['an uppercase scheme', 'APP://tickdesk/index.html'],
    ['an uppercase host', 'app://TICKDESK/index.html'],
    ['a mixed-case scheme', 'App://tickdesk/'],
    ['a different scheme', 'apps://tickdesk/index.html'],
    ['a scheme without slashes', 'app:tickdesk/index.html'],
    ['an empty host', 'app:///tickdesk/index.html'],
    ['no trailing slash', 'app://tickdesk'],
    ['leading whitespace', ' app://tickdesk/index.html'],
    ['an embedded tab', 'app://tick\tdesk/index.html'],
    ['an embedded newline', 'app://tickdesk/\nindex.html'],
    ['a NUL byte', 'app://tickdesk/index.html\u0000'],
    ['backslashes', 'app://tickdesk\\@evil/'],
    ['the empty string', ''],
  ])('refuses %s: %s', (_what, url) => {
    expect(isTrustedAppUrl(url, APP_ORIGIN)).toBe(false);
    expect(isTrustedAppUrl(url, APP_ORIGIN, DEV)).toBe(false);
  });

  it.each([null, undefined, 42, {}, ['app://tickdesk/']])('refuses a non-string %j', (value) => {
    expect(isTrustedAppUrl(value, APP_ORIGIN)).toBe(false);
  });

  it('refuses an absurdly long URL', () => {
    expect(isTrustedAppUrl(`${APP_ORIGIN}/${'a'.repeat(10_000)}`, APP_ORIGIN)).toBe(false);
  });

  it('trusts the dev server only when its origin is passed (dev mode)', () => {
    expect(isTrustedAppUrl(`${DEV}/`, APP_ORIGIN)).toBe(false);
    expect(isTrustedAppUrl(`${DEV}/index.html`, APP_ORIGIN, null)).toBe(false);
    expect(isTrustedAppUrl(`${DEV}/`, APP_ORIGIN, DEV)).toBe(true);
    expect(isTrustedAppUrl(`${DEV}/src/main.tsx`, APP_ORIGIN, DEV)).toBe(true);
  });

  it('does not stretch the dev origin to its neighbours', () => {
    for (const url of [
      'http://localhost:5174/',
      'http://localhost/',
      'https://localhost:5173/',
      'http://localhost:5173.evil.com/',
      'http://localhost:5173@evil.com/',
      'http://127.0.0.1:5173/',
      'ws://localhost:5173/',
    ]) {
      expect(isTrustedAppUrl(url, APP_ORIGIN, DEV), url).toBe(false);
    }
  });
});

describe('devServerOrigin', () => {
  it('accepts electron-vite loopback dev URLs', () => {
    expect(devServerOrigin('http://localhost:5173')).toBe('http://localhost:5173');
    expect(devServerOrigin('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin('http://[::1]:5173')).toBe('http://[::1]:5173');
  });

  it('refuses anything that is not a loopback http(s) URL', () => {
    expect(devServerOrigin(undefined)).toBeNull();
    expect(devServerOrigin('')).toBeNull();
    expect(devServerOrigin('not a url')).toBeNull();
    expect(devServerOrigin('http://evil.com:5173')).toBeNull();
    expect(devServerOrigin('http://localhost.evil.com:5173')).toBeNull();
    expect(devServerOrigin('http://user:pw@localhost:5173')).toBeNull();
    expect(devServerOrigin('file:///tmp/index.html')).toBeNull();
    expect(devServerOrigin('app://tickdesk')).toBeNull();
  });
});

describe('isSafeExternalUrl', () => {
  it('lets https links out', () => {
    expect(isSafeExternalUrl('https://www.nseindia.com/market-data')).toBe(true);
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,hi',
    'smb://server/share',
    'ms-settings:',
    'https://user:pw@example.com/',
    'https://user@example.com/',
    'https://',
    ' https://example.com/',
    'https://exa\nmple.com/',
    'app://tickdesk/index.html',
    '',
  ])('keeps %j in', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('keeps non-strings in', () => {
    expect(isSafeExternalUrl(undefined)).toBe(false);
    expect(isSafeExternalUrl({ toString: () => 'https://example.com/' })).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const ours = { senderId: 7, windowId: 7, frameUrl: APP_ENTRY_URL, isMainFrame: true };

  it('accepts the main frame of our window on our page', () => {
    expect(isTrustedSender(ours, APP_ORIGIN)).toBe(true);
  });

  it('refuses another webContents', () => {
    expect(isTrustedSender({ ...ours, senderId: 8 }, APP_ORIGIN)).toBe(false);
  });

  it('refuses once the window is gone', () => {
    expect(isTrustedSender({ ...ours, windowId: null }, APP_ORIGIN)).toBe(false);
  });

  it('refuses an iframe, even one showing our page', () => {
    expect(isTrustedSender({ ...ours, isMainFrame: false }, APP_ORIGIN)).toBe(false);
  });

  it('refuses a frame that navigated away or died', () => {
    expect(isTrustedSender({ ...ours, frameUrl: 'https://evil.com/' }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: null }, APP_ORIGIN)).toBe(false);
  });

  it('accepts the dev server page only in dev mode', () => {
    const dev = { ...ours, frameUrl: `${DEV}/` };
    expect(isTrustedSender(dev, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(dev, APP_ORIGIN, DEV)).toBe(true);
  });
});

describe('buildCsp', () => {
  const directives = (csp: string) =>
    new Map(csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }));

  it('allows only our own files in production', () => {
    const csp = directives(buildCsp());
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    for (const name of ['object-src', 'frame-src', 'frame-ancestors', 'base-uri', 'form-action']) {
      expect(csp.get(name), name).toEqual(["'none'"]);
    }
  });

  it('has no unsafe or wildcard source in production', () => {
    const csp = buildCsp();
    expect(csp).not.toMatch(/unsafe-|\*|http:|https:|ws:|file:/);
  });

  it('names every directive once', () => {
    const names = buildCsp().split(';').map((part) => part.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('opens only what the Vite dev server needs in development', () => {
    const csp = directives(buildCsp({ devOrigin: DEV }));
    expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'", DEV]);
    expect(csp.get('connect-src')).toEqual(["'self'", DEV, 'ws://localhost:5173']);
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
  });
});
