import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentTypeFor, resolveStaticPath } from './static-files';

const root = path.resolve('/srv/renderer');

describe('resolveStaticPath', () => {
  it('maps / to index.html and plain paths inside the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index-AbC123_x.js')).toBe(path.join(root, 'assets', 'index-AbC123_x.js'));
    expect(resolveStaticPath(root, '/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it('refuses traversal in every spelling', () => {
    for (const bad of [
      '/../etc/passwd',
      '/assets/../../etc/passwd',
      '/%2e%2e/etc/passwd',
      '/%2E%2E%2Fetc%2Fpasswd',
      '/..%2f..%2fetc/passwd',
      '/assets/..%5c..%5cwin.ini',
      '/assets\\..\\x',
      '/%00index.html',
      '/index.html%00.js',
      '/%',
      '/.env',
      '/assets/.hidden',
      '/C:/Windows/win.ini',
      'relative/path',
    ]) {
      expect(resolveStaticPath(root, bad), bad).toBeNull();
    }
  });
});

describe('contentTypeFor', () => {
  it('names the types the renderer uses', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});

describe('contentSecurityPolicy', () => {
  it('is strict and admits only its own WebSocket', () => {
    const csp = contentSecurityPolicy('127.0.0.1:8717');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:8717");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'none'");
  });
});
