import { describe, expect, it } from 'vitest';
import { parseCookies, sessionCookie, sessionCookieName } from './cookies';

describe('parseCookies', () => {
  it('parses several cookies with spaces', () => {
    const cookies = parseCookies('a=1; tickdesk_session_8717=abc-_09;b=two');
    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('tickdesk_session_8717')).toBe('abc-_09');
    expect(cookies.get('b')).toBe('two');
  });

  it('keeps the first of duplicate names and strips quotes', () => {
    const cookies = parseCookies('x="first"; x=second');
    expect(cookies.get('x')).toBe('first');
  });

  it('keeps = inside values and skips junk', () => {
    const cookies = parseCookies('=nothing; junk; k=v=w; ;');
    expect(cookies.get('k')).toBe('v=w');
    expect(cookies.size).toBe(1);
  });

  it('handles a missing or oversized header', () => {
    expect(parseCookies(undefined).size).toBe(0);
    expect(parseCookies(`a=${'x'.repeat(20_000)}`).size).toBe(0);
  });
});

describe('session cookie', () => {
  it('is named per port and HttpOnly, SameSite=Strict, Path=/', () => {
    expect(sessionCookieName(8717)).toBe('tickdesk_session_8717');
    const header = sessionCookie('tickdesk_session_8717', 'TOKEN');
    expect(header).toBe('tickdesk_session_8717=TOKEN; HttpOnly; SameSite=Strict; Path=/');
  });
});
