import { describe, expect, it } from 'vitest';
import { isAcceptableHttpOrigin, isLoopbackHost, isSameOrigin, parseHostHeader } from './origin';

describe('parseHostHeader', () => {
  it('splits name and port', () => {
    expect(parseHostHeader('127.0.0.1:8717')).toEqual({ name: '127.0.0.1', port: 8717 });
    expect(parseHostHeader('[::1]:80')).toEqual({ name: '[::1]', port: 80 });
    expect(parseHostHeader('LocalHost')).toEqual({ name: 'localhost', port: null });
  });

  it('refuses malformed headers', () => {
    for (const bad of [undefined, '', ':80', 'localhost:', 'localhost:0', 'localhost:70000', 'a b', 'user@localhost', 'localhost/x', '[::1', 'localhost:80:80']) {
      expect(parseHostHeader(bad), String(bad)).toBeNull();
    }
  });
});

describe('isLoopbackHost', () => {
  it('accepts loopback names on any port', () => {
    for (const ok of ['127.0.0.1', '127.0.0.1:8717', 'localhost:9000', 'LOCALHOST:1', '[::1]', '[::1]:8717']) {
      expect(isLoopbackHost(ok), ok).toBe(true);
    }
  });

  it('refuses rebinding names and look-alikes', () => {
    for (const bad of [
      'evil.example',
      'evil.example:8717',
      'localhost.evil.example',
      '127.0.0.1.nip.io:8717',
      'localhost.',
      '127.0.0.2:8717',
      '0.0.0.0:8717',
      '[::ffff:127.0.0.1]:8717',
      '2130706433:8717',
      '127.1:8717',
      'evil.example@127.0.0.1',
      undefined,
    ]) {
      expect(isLoopbackHost(bad), String(bad)).toBe(false);
    }
  });
});

describe('isSameOrigin', () => {
  it('accepts exactly http://<host>', () => {
    expect(isSameOrigin('http://127.0.0.1:8717', '127.0.0.1:8717')).toBe(true);
    expect(isSameOrigin('http://localhost:9000', 'localhost:9000')).toBe(true);
    expect(isSameOrigin('http://[::1]:8717', '[::1]:8717')).toBe(true);
  });

  it('refuses foreign, null, missing, other scheme and other port', () => {
    expect(isSameOrigin('http://evil.example', '127.0.0.1:8717')).toBe(false);
    expect(isSameOrigin('null', '127.0.0.1:8717')).toBe(false);
    expect(isSameOrigin(undefined, '127.0.0.1:8717')).toBe(false);
    expect(isSameOrigin('https://127.0.0.1:8717', '127.0.0.1:8717')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:8718', '127.0.0.1:8717')).toBe(false);
    expect(isSameOrigin('http://localhost:8717', '127.0.0.1:8717')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:8717.evil.example', '127.0.0.1:8717')).toBe(false);
  });

  it('never accepts a non-loopback Host, even when Origin matches it', () => {
    expect(isSameOrigin('http://evil.example:8717', 'evil.example:8717')).toBe(false);
  });
});

describe('isAcceptableHttpOrigin', () => {
  it('lets a request without Origin through, but not a foreign one', () => {
    expect(isAcceptableHttpOrigin(undefined, '127.0.0.1:8717')).toBe(true);
    expect(isAcceptableHttpOrigin('http://127.0.0.1:8717', '127.0.0.1:8717')).toBe(true);
    expect(isAcceptableHttpOrigin('http://evil.example', '127.0.0.1:8717')).toBe(false);
    expect(isAcceptableHttpOrigin('null', '127.0.0.1:8717')).toBe(false);
  });
});
