import { describe, expect, test } from 'vitest';
import { createLogger } from './log';
import { REDACTED, redactSecrets } from './redact';

const secrets = ['API-SECRET-abc123', 'ACCESS-TOKEN-def456', '4321', 'JBSWY3DPEHPK3PXP', 'SESSION-xyz789', 'the passphrase 42', 'REQ-TOKEN-777'];

function capture() {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: 'debug', write: (line) => lines.push(line) }) };
}

describe('secrets never reach the log', () => {
  test('a credentials object logged through the logger prints no secret value', () => {
    const { lines, log } = capture();
    const credentials = {
      broker: 'kite',
      accountId: 'main',
      fields: { apiKey: 'kite-api-key-1', apiSecret: secrets[0], accessToken: secrets[1], userId: 'AB1234' },
    };
    log.info('saving', { credentials });
    log.child({ broker: 'kotak' }).warn('login', { request: { mpin: secrets[2], totpSecret: secrets[3], headers: { Authorization: `Bearer ${secrets[4]}`, sid: secrets[4] } } });
    log.error('unlock', { passphrase: secrets[5], body: { request_token: secrets[6], api_key: 'x' } });
    const text = lines.join('\n');
    for (const secret of [...secrets, 'kite-api-key-1']) expect(text).not.toContain(secret);
    // Identifiers stay readable, so the log is still useful.
    expect(text).toContain('AB1234');
    expect(text).toContain('"accountId":"main"');
    expect(text).toContain(REDACTED);
  });

  test('instrument tokens (numbers) are kept; a string "token" is redacted', () => {
    const { lines, log } = capture();
    log.warn('unknown instrument', { token: 738561 });
    log.warn('ws auth', { token: 'enc-SESSION-TOKEN' });
    expect(lines[0]).toContain('738561');
    expect(lines[1]).not.toContain('enc-SESSION-TOKEN');
  });

  test('redactSecrets copies deeply and leaves the original alone', () => {
    const original = { list: [{ accessToken: 'AT' }], nested: { consumerKey: 'CK', name: 'n' } };
    const copy = redactSecrets(original);
    expect(copy).toEqual({ list: [{ accessToken: REDACTED }], nested: { consumerKey: REDACTED, name: 'n' } });
    expect(original.list[0]?.accessToken).toBe('AT');
  });
});
