import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, createAppRequestHandler, resolveRendererPath } from './app-protocol';

const ROOT = path.resolve('/opt/tickdesk/out/renderer');

describe('resolveRendererPath', () => {
  it('maps our URLs into the renderer folder', () => {
    expect(resolveRendererPath(ROOT, 'app://tickdesk/index.html')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveRendererPath(ROOT, 'app://tickdesk/')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveRendererPath(ROOT, 'app://tickdesk/assets/index-Bx1.js')).toBe(path.join(ROOT, 'assets', 'index-Bx1.js'));
    expect(resolveRendererPath(ROOT, 'app://tickdesk/index.html?x=1#/orders')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveRendererPath(ROOT, 'app://tickdesk/assets/a%20b.css')).toBe(path.join(ROOT, 'assets', 'a b.css'));
  });

  it.each([
    ['dot-dot, normalised by the URL parser back into the root', 'app://tickdesk/../../etc/passwd', path.join(ROOT, 'etc', 'passwd')],
  ])('keeps %s', (_what, url, expected) => {
    // The URL parser collapses `..` before we see it: the result stays inside.
    expect(resolveRendererPath(ROOT, url)).toBe(expected);
  });

  it.each([
    ['an encoded slash and dot-dot', 'app://tickdesk/..%2F..%2Fetc%2Fpasswd'],
    ['an encoded dot-dot segment after decoding', 'app://tickdesk/assets/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc/passwd'],
    ['an encoded backslash', 'app://tickdesk/..%5C..%5Cetc%5Cpasswd'],
    ['a NUL byte', 'app://tickdesk/index.html%00.png'],
    ['a Windows drive', 'app://tickdesk/C:%5CWindows%5Cwin.ini'],
    ['an absolute path after decoding', 'app://tickdesk/%2Fetc%2Fpasswd'],
    ['a hidden file', 'app://tickdesk/.env'],
    ['an empty segment', 'app://tickdesk/assets//x.js'],
    ['malformed percent-encoding', 'app://tickdesk/%E0%A4%A.js'],
    ['another host', 'app://evil/index.html'],
    ['a look-alike host', 'app://tickdesk.evil/index.html'],
    ['userinfo', 'app://u@tickdesk/index.html'],
    ['another scheme', 'file:///opt/tickdesk/out/renderer/index.html'],
    ['http', 'http://tickdesk/index.html'],
    ['not a URL', 'index.html'],
  ])('refuses %s: %s', (_what, url) => {
    expect(resolveRendererPath(ROOT, url)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('knows what the renderer build emits', () => {
    expect(contentTypeFor('index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('a.css')).toMatch(/^text\/css/);
    expect(contentTypeFor('font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('blob')).toBe('application/octet-stream');
  });
});

describe('createAppRequestHandler', () => {
  let dir: string;
  let root: string;
  const csp = "default-src 'none'";

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tickdesk-protocol-'));
    root = path.join(dir, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Tickdesk</title>');
    await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(dir, 'secret.txt'), 'outside');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html with the CSP and nosniff', async () => {
    const handler = createAppRequestHandler({ root, csp });
    const response = await handler(new Request('app://tickdesk/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Tickdesk</title>');
  });

  it('serves assets with their type', async () => {
    const response = await createAppRequestHandler({ root, csp })(new Request('app://tickdesk/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 for a missing file, a folder and a traversal, and still sends the CSP', async () => {
    const handler = createAppRequestHandler({ root, csp });
    for (const url of ['app://tickdesk/nope.js', 'app://tickdesk/assets', 'app://tickdesk/..%2Fsecret.txt']) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(csp);
      expect(await response.text()).not.toContain('outside');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await createAppRequestHandler({ root, csp })(
      new Request('app://tickdesk/index.html', { method: 'POST', body: 'x' }),
    );
    expect(response.status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const response = await createAppRequestHandler({ root, csp })(new Request('app://tickdesk/index.html', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers 500, not a crash, when the file cannot be read', async () => {
    const read = () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' }));
    const response = await createAppRequestHandler({ root, csp, read })(new Request('app://tickdesk/index.html'));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain(root);
  });
});
