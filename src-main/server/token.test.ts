import { describe, expect, it } from 'vitest';
import { createToken, tokenMatches } from './token';

describe('createToken', () => {
  it('is 32 random bytes in base64url', () => {
    const token = createToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('differs every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => createToken()));
    expect(tokens.size).toBe(50);
  });
});

describe('tokenMatches', () => {
  const token = createToken();

  it('accepts the exact token', () => {
    expect(tokenMatches(token, token)).toBe(true);
  });

  it('refuses near misses, prefixes, other lengths and empty values', () => {
    expect(tokenMatches(token, token.slice(0, -1))).toBe(false);
    expect(tokenMatches(token, `${token}A`)).toBe(false);
    expect(tokenMatches(token, token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase())).toBe(false);
    expect(tokenMatches(token, '')).toBe(false);
    expect(tokenMatches(token, null)).toBe(false);
    expect(tokenMatches(token, undefined)).toBe(false);
    expect(tokenMatches(token, 'x'.repeat(5000))).toBe(false);
  });
});
