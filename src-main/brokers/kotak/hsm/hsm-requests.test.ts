import { describe, expect, it } from 'vitest';
import { decodeClientRequest } from '../../../testing/venues/kotak/hsm-request-decoder';
import { encodeAck, encodeConnect, encodeJsonHeartbeat, encodeSubscribe, encodeUnsubscribe, type HsmScrip } from './hsm-requests';

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('HSM client requests', () => {
  it('connect: type 1, three fields (token, sid, "JS_API"), u16 length of the rest first', () => {
    const bytes = encodeConnect('jw', 's1');
    const body = [1, 3, 1, 0, 2, ...ascii('jw'), 2, 0, 2, ...ascii('s1'), 3, 0, 6, ...ascii('JS_API')];
    expect([...bytes]).toEqual([0, body.length, ...body]);
  });

  it('subscribe: scrips as "sf|segment|token" with u8 lengths, then the channel', () => {
    const scrips: HsmScrip[] = [{ segment: 'nse_cm', token: '11536' }, { segment: 'nse_cm', token: '1594' }];
    const bytes = encodeSubscribe('scrip', scrips, 3);
    const list = [0, 2, 15, ...ascii('sf|nse_cm|11536'), 14, ...ascii('sf|nse_cm|1594')];
    const body = [4, 2, 1, 0, list.length, ...list, 2, 0, 1, 3];
    expect([...bytes]).toEqual([0, body.length, ...body]);
  });

  it('index unsubscribe uses type 5 and the "if" prefix', () => {
    const bytes = encodeUnsubscribe('index', [{ segment: 'nse_cm', token: '26000' }], 2);
    expect(bytes[2]).toBe(5);
    expect(Buffer.from(bytes).toString('latin1')).toContain('if|nse_cm|26000');
  });

  it('ack: type 3, one 4-byte field with the message number', () => {
    expect(hex(encodeAck(0x01020304))).toBe('0009' + '03' + '01' + '01' + '0004' + '01020304');
  });

  it('keepalive is the SDK\'s JSON', () => {
    expect(JSON.parse(encodeJsonHeartbeat())).toEqual({ type: 'hb' });
  });

  it('refuses more than 100 scrips per request and a bad channel', () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ segment: 'nse_cm', token: String(i + 1) }));
    expect(() => encodeSubscribe('scrip', many, 2)).toThrow(RangeError);
    expect(() => encodeSubscribe('scrip', many.slice(0, 100), 2)).not.toThrow();
    expect(() => encodeSubscribe('scrip', many.slice(0, 1), 0)).toThrow(/channel/);
    expect(() => encodeSubscribe('scrip', [], 2)).toThrow(RangeError);
  });

  it('reads back what it encodes (the test server side)', () => {
    expect(decodeClientRequest(encodeConnect('token-1', 'sid-1'))).toEqual({ type: 'connect', token: 'token-1', sid: 'sid-1', source: 'JS_API' });
    const scrips = [{ segment: 'nse_fo', token: '35001' }];
    expect(decodeClientRequest(encodeSubscribe('scrip', scrips, 7))).toEqual({ type: 'subscribe', kind: 'scrip', scrips, channel: 7 });
    expect(decodeClientRequest(encodeUnsubscribe('index', scrips, 2))).toEqual({ type: 'unsubscribe', kind: 'index', scrips, channel: 2 });
    expect(decodeClientRequest(encodeAck(42))).toEqual({ type: 'ack', messageNumber: 42 });
    expect(decodeClientRequest(Uint8Array.of(0, 5, 1))).toMatchObject({ type: 'invalid' });
    expect(decodeClientRequest(encodeConnect('a', 'b').slice(0, 8))).toMatchObject({ type: 'invalid' });
  });
});
