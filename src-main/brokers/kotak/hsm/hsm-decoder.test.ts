import { describe, expect, it } from 'vitest';
import { createHsmDecodeCounters, decodeServerFrame, tallyHsm, type HsmEntry, type HsmMessage } from './hsm-decoder';
import { INDEX_FIELD, SCRIP_FIELD, TRASH_VALUE } from './hsm-protocol';
import { encodeConnectionResponse, encodeDataFrame, encodeStatusResponse } from '../../../testing/venues/kotak/hsm-server-frames';

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u16 = (n: number) => [(n >>> 8) & 255, n & 255];
const noAcks = { acks: false };

function data(message: HsmMessage | null): Extract<HsmMessage, { type: 'data' }> {
  if (message?.type !== 'data') throw new Error(`not a data message: ${JSON.stringify(message)}`);
  return message;
}

/** values[i] at index i, TRASH elsewhere up to `length`. */
function sparse(length: number, set: Record<number, number>): (number | null)[] {
  return Array.from({ length }, (_, i) => set[i] ?? null);
}

describe('HSM server frame decoder', () => {
  it('decodes a SNAP built byte by byte from the documented layout', () => {
    const name = ascii('sf|nse_cm|11536');
    const values = [0, 0, 0, 0, 12_345, 250_050].flatMap(u32); // fields 0..5: volume 12,345, ltp 250,050
    const strings = [52, 5, ...ascii('11536'), 53, 6, ...ascii('nse_cm'), 54, 6, ...ascii('TCS-EQ')];
    const entry = [83, ...u32(7), name.length, ...name, 6, ...values, 3, ...strings];
    const body = [6, ...u16(1), ...u16(entry.length), ...entry];
    const result = decodeServerFrame(Uint8Array.from([...u16(body.length), ...body]), noAcks);
    expect(result.errors).toEqual([]);
    expect(data(result.message).entries).toEqual([
      {
        kind: 'snap', topicId: 7, name: 'sf|nse_cm|11536', values: [0, 0, 0, 0, 12_345, 250_050],
        strings: [{ id: 52, value: '11536' }, { id: 53, value: 'nse_cm' }, { id: 54, value: 'TCS-EQ' }],
      },
    ]);
  });

  it('decodes several topics per frame: scrip and index SNAPs, then an UPDATE with TRASH for unchanged fields', () => {
    const entries: HsmEntry[] = [
      { kind: 'snap', topicId: 1, name: 'sf|nse_cm|11536', values: sparse(25, { [SCRIP_FIELD.LTP]: 1_000 }), strings: [] },
      { kind: 'snap', topicId: 2, name: 'if|nse_cm|26000', values: sparse(10, { [INDEX_FIELD.LTP]: 2_450_035 }), strings: [] },
      { kind: 'update', topicId: 1, values: sparse(6, { [SCRIP_FIELD.LTP]: 1_005 }) },
    ];
    const result = decodeServerFrame(encodeDataFrame(entries), noAcks);
    expect(result.errors).toEqual([]);
    const message = data(result.message);
    expect(message.declaredCount).toBe(3);
    expect(message.entries).toEqual(entries);
    expect(message.entries[2]?.values[SCRIP_FIELD.VOLUME]).toBeNull();
  });

  it('reads the message number first when acks are on', () => {
    const frame = encodeDataFrame([{ kind: 'update', topicId: 9, values: [1] }], 77);
    expect(data(decodeServerFrame(frame, { acks: true }).message).messageNumber).toBe(77);
    // Read without acks the same bytes are garbage, and the decoder says so instead of throwing.
    expect(decodeServerFrame(frame, noAcks).errors.length).toBeGreaterThan(0);
  });

  it('decodes connection responses: ok with an ack interval, refused, and without fields', () => {
    expect(decodeServerFrame(encodeConnectionResponse(true, 5), noAcks)).toEqual({ message: { type: 'connection', ok: true, status: 'K', ackEvery: 5 }, errors: [] });
    expect(decodeServerFrame(encodeConnectionResponse(false), noAcks)).toEqual({ message: { type: 'connection', ok: false, status: 'N', ackEvery: 0 }, errors: [] });
    expect(decodeServerFrame(Uint8Array.of(0, 2, 1, 0), noAcks)).toEqual({ message: null, errors: [{ kind: 'no-status', offset: 3 }] });
  });

  it('decodes subscribe and unsubscribe statuses', () => {
    expect(decodeServerFrame(encodeStatusResponse('subscribe', true), noAcks).message).toEqual({ type: 'status', of: 'subscribe', ok: true, status: 'K' });
    expect(decodeServerFrame(encodeStatusResponse('unsubscribe', false), noAcks).message).toEqual({ type: 'status', of: 'unsubscribe', ok: false, status: 'N' });
  });

  it('keeps the topics before a truncation and reports where it stopped', () => {
    const whole = encodeDataFrame([
      { kind: 'update', topicId: 1, values: [1, 2, 3] },
      { kind: 'update', topicId: 2, values: [4, 5, 6] },
    ]);
    const cut = whole.slice(0, whole.length - 3);
    const result = decodeServerFrame(cut, noAcks);
    expect(data(result.message).entries).toHaveLength(1);
    expect(result.errors).toEqual([{ kind: 'truncated', offset: 5 + 2 + 1 + 4 + 1 + 12 }]);
  });

  it('stops at an entry of unknown kind, and counts a frame short of its declared topics', () => {
    const frame = encodeDataFrame([{ kind: 'update', topicId: 1, values: [1] }, { kind: 'update', topicId: 2, values: [2] }]);
    const badKindAt = 5 + (2 + 1 + 4 + 1 + 4) + 2;
    frame[badKindAt] = 0x58;
    const result = decodeServerFrame(frame, noAcks);
    expect(data(result.message).entries).toHaveLength(1);
    expect(result.errors.map((e) => e.kind)).toEqual(['unknown-entry']);

    const short = encodeDataFrame([{ kind: 'update', topicId: 1, values: [1] }]);
    short[4] = 3; // claims three topics, holds one
    expect(decodeServerFrame(short, noAcks).errors.map((e) => e.kind)).toEqual(['count-mismatch']);
  });

  it('never throws on garbage and counts every kind of problem', () => {
    const counters = createHsmDecodeCounters();
    const frames = [
      Uint8Array.of(),
      Uint8Array.of(0, 1),
      Uint8Array.of(0, 1, 2),
      Uint8Array.of(0, 1, 99),
      Uint8Array.of(0, 5, 4, 1, 1, 0, 9),
      Uint8Array.of(0, 5, 4, 1, 1, 0, 1, 0x51),
      Uint8Array.of(...encodeStatusResponse('subscribe', true), 0),
      Uint8Array.of(0, 9, 1, 2, 1, 0, 1, 0x4b, 2, 0, 9),
      Uint8Array.of(0, 3, 6, 0, 1, 0, 0, 83, 0, 0),
      Uint8Array.of(0, 3, 6, 0, 1, 0, 0, TRASH_VALUE & 0xff),
    ];
    for (const frame of frames) tallyHsm(counters, decodeServerFrame(frame, noAcks));
    expect(counters.frames).toBe(frames.length);
    expect(counters.errors).toMatchObject({ 'empty-frame': 2, 'unknown-type': 2, truncated: 2, 'unknown-status': 1, 'trailing-bytes': 1, 'bad-field': 1, 'unknown-entry': 1 });
  });
});
