/**
 * The expected values below were computed with Python's hashlib and json.dumps(body,
 * separators=(',', ':')) — the Breeze Python SDK's own expressions — not with this code.
 */
import { describe, expect, it } from 'vitest';
import { breezeChecksum, breezeJson, breezeSignedHeaders, breezeTimestamp, signBreezeRequest } from './checksum';
import { buildBreezePositions } from './book-requests';

const ITC = {
  stock_code: 'ITC', exchange_code: 'NSE', product: 'cash', action: 'buy', order_type: 'limit', quantity: '1', price: '420.00', validity: 'day',
  settlement_id: '', order_segment_code: '', lots: '', user_remark: 'ALGO1',
};

describe('Breeze checksum', () => {
  it('stamps UTC to the second with ".000Z", truncating, never rounding, the milliseconds', () => {
    expect(breezeTimestamp(Date.UTC(2025, 1, 5, 3, 56, 12, 999))).toBe('2025-02-05T03:56:12.000Z');
    expect(breezeTimestamp(Date.UTC(2025, 1, 5, 3, 56, 12, 0))).toBe('2025-02-05T03:56:12.000Z');
    expect(breezeTimestamp(Date.UTC(2025, 11, 31, 23, 59, 59, 500))).toBe('2025-12-31T23:59:59.000Z');
  });

  it('is SHA-256 hex of timestamp + body + secret, as the Python SDK computes it', () => {
    const body = breezeJson(ITC);
    expect(body).toBe('{"stock_code":"ITC","exchange_code":"NSE","product":"cash","action":"buy","order_type":"limit","quantity":"1","price":"420.00","validity":"day","settlement_id":"","order_segment_code":"","lots":"","user_remark":"ALGO1"}');
    expect(breezeChecksum('2025-02-05T03:56:12.000Z', body, 's3cr3t')).toBe('794024cefa4f7844ad8c2b3853307c83b9194f51a7b236e8ecb115bd9f3d93ad');
    expect(breezeChecksum('2025-02-05T03:56:12.000Z', breezeJson({}), 's3cr3t')).toBe('b8fc6e46272eb686caa16e454702b941abcf2106aed5fb0d7633daa6a97f4655');
  });

  it('writes non-ASCII exactly as json.dumps does (ensure_ascii), so the signed text is the sent text', () => {
    expect(breezeJson({ user_remark: 'ré✓\u007f😀\n\t"/' })).toBe('{"user_remark":"r\\u00e9\\u2713\\u007f\\ud83d\\ude00\\n\\t\\"/"}');
  });

  it('builds the signed header set from the clock', () => {
    const headers = breezeSignedHeaders({ appKey: 'app+key=', secretKey: 's3cr3t', sessionToken: 'WFk2MDQ3MjE6NTEyMzQ1Njc=' }, breezeJson(ITC), () => Date.UTC(2025, 1, 5, 3, 56, 12, 345));
    expect(headers).toEqual({
      'Content-Type': 'application/json',
      'X-Checksum': 'token 794024cefa4f7844ad8c2b3853307c83b9194f51a7b236e8ecb115bd9f3d93ad',
      'X-Timestamp': '2025-02-05T03:56:12.000Z',
      'X-AppKey': 'app+key=',
      'X-SessionToken': 'WFk2MDQ3MjE6NTEyMzQ1Njc=',
    });
  });

  it('signs GET and DELETE over a JSON body too, "{}" when there are no parameters', () => {
    const signed = signBreezeRequest(buildBreezePositions(), { appKey: 'k', secretKey: 's3cr3t', sessionToken: 't' }, () => Date.UTC(2025, 1, 5, 3, 56, 12, 1));
    expect(signed).toMatchObject({ method: 'GET', path: 'portfoliopositions', body: '{}' });
    expect(signed.headers['X-Checksum']).toBe('token b8fc6e46272eb686caa16e454702b941abcf2106aed5fb0d7633daa6a97f4655');
  });
});
