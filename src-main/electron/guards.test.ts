import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../log';
import { guardWebContents } from './guards';
import { APP_ENTRY_URL, APP_ORIGIN, isTrustedAppUrl } from './security';

type OpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

function setup() {
  const emitter = new EventEmitter();
  let openHandler: OpenHandler | null = null;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (handler: OpenHandler) => {
      openHandler = handler;
    },
  });
  const openExternal = vi.fn();
  guardWebContents(contents as unknown as WebContents, {
    isAppUrl: (url) => isTrustedAppUrl(url, APP_ORIGIN),
    openExternal,
    log: silentLogger,
  });
  const navigate = (event: string, url: string) => {
    const details = { url, preventDefault: vi.fn() };
    emitter.emit(event, details, url);
    return details.preventDefault.mock.calls.length > 0;
  };
  const open = (url: string) => {
    if (!openHandler) throw new Error('no window open handler installed');
    return openHandler({ url }).action;
  };
  return { emitter, navigate, open, openExternal };
}

describe('guardWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: blocks other origins, allows our pages', (event) => {
    const { navigate } = setup();
    expect(navigate(event, 'https://evil.example/')).toBe(true);
    expect(navigate(event, 'file:///etc/passwd')).toBe(true);
    expect(navigate(event, 'app://tickdesk.evil/index.html')).toBe(true);
    expect(navigate(event, 'javascript:alert(1)')).toBe(true);
    expect(navigate(event, APP_ENTRY_URL)).toBe(false);
  });

  it('denies every window.open and sends only https links to the system browser', () => {
    const { open, openExternal } = setup();
    expect(open('https://www.nseindia.com/')).toBe('deny');
    expect(openExternal).toHaveBeenCalledWith('https://www.nseindia.com/');
    openExternal.mockClear();
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'about:blank', APP_ENTRY_URL, 'javascript:1']) {
      expect(open(url)).toBe('deny');
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuses to attach a <webview>', () => {
    const { emitter } = setup();
    const preventDefault = vi.fn();
    emitter.emit('will-attach-webview', { preventDefault }, {}, {});
    expect(preventDefault).toHaveBeenCalled();
  });
});
