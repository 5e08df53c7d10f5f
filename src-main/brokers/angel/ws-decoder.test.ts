/**
 * The SmartWebSocket V2 decoder against frames built BY HAND from the facts sheet's
 * byte table (§A5): each field is written at its documented offset with its documented
 * type, little-endian, independent of testing/venues/angel/ws-encoder.ts. The
 * SnapQuote's values are the SBIN quote of the JS SDK's market-data fixture (smartapi-javascript test/api_config.js,
 * REST FULL mode, in rupees), written in paise, so the socket path and the REST sample
 * describe the same quote.
 */
import { describe, expect, it } from 'vitest';
import { createAngelDecodeCounters, decodeAngelFrame, tallyAngel } from './ws-decoder';
import { encodeAngelPacket } from '../../testing/venues/angel/ws-encoder';

/** A zeroed frame with the header written: mode, exchange type, NUL-padded token. */
function header(size: number, mode: number, exchangeType: number, token: string): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(size);
  bytes[0] = mode;
  bytes[1] = exchangeType;
  for (let i = 0; i < token.length; i++) bytes[2 + i] = token.charCodeAt(i);
  return { bytes, view: new DataView(bytes.buffer) };
}
const i64 = (view: DataView, at: number, value: number) => view.setBigInt64(at, BigInt(value), true);

const T = 1_687_324_570_000; // 21-Jun-2023 10:46:10 IST, the fixture's exchFeedTime, in ms

function ltpFrame(): Uint8Array {
  const { bytes, view } = header(51, 1, 1, '3045');
  i64(view, 27, 8_812_345); // sequence
  i64(view, 35, T); // exchange timestamp, ms
  i64(view, 43, 56_820); // LTP ₹568.20 in paise
  return bytes;
}

function quoteFrame(size = 123, mode = 2): { bytes: Uint8Array; view: DataView } {
  const frame = header(size, mode, 1, '3045');
  const { view } = frame;
  i64(view, 27, 8_812_345);
  i64(view, 35, T);
  i64(view, 43, 56_820);
  i64(view, 51, 1); // last traded qty
  i64(view, 59, 56_783); // average price ₹567.83
  i64(view, 67, 3_556_150); // volume
  view.setFloat64(75, 839_549, true); // total buy qty (double)
  view.setFloat64(83, 1_284_767, true); // total sell qty (double)
  i64(view, 91, 56_740); // open
  i64(view, 99, 56_935); // high
  i64(view, 107, 56_610); // low
  i64(view, 115, 56_740); // close
  return frame;
}

const BUYS = [[56_820, 511, 2], [56_815, 411, 2], [56_810, 31, 2], [56_805, 1_020, 8], [56_800, 1_704, 28]] as const;
const SELLS = [[56_825, 3_348, 5], [56_830, 4_447, 13], [56_835, 3_768, 11], [56_840, 8_500, 40], [56_845, 4_814, 17]] as const;

function snapQuoteFrame(): Uint8Array {
  const { bytes, view } = quoteFrame(379, 3);
  i64(view, 123, 1_687_324_569); // last traded time (seconds here; unit unconfirmed)
  i64(view, 131, 0); // OI
  view.setFloat64(139, 12.5, true); // OI change % (a dummy field)
  const level = (at: number, flag: number, [price, quantity, orders]: readonly [number, number, number]) => {
    view.setInt16(at, flag, true);
    i64(view, at + 2, quantity);
    i64(view, at + 10, price);
    view.setInt16(at + 18, orders, true);
  };
  BUYS.forEach((l, n) => level(147 + n * 20, 1, l));
  SELLS.forEach((l, n) => level(247 + n * 20, 0, l));
  i64(view, 347, 62_410); // upper circuit ₹624.10
  i64(view, 355, 51_070); // lower circuit ₹510.70
  i64(view, 363, 62_955); // 52-week high ₹629.55
  i64(view, 371, 43_070); // 52-week low ₹430.70
  return bytes;
}

describe('SmartWebSocket V2 decoder, from the documented byte table', () => {
  it('decodes a 51-byte LTP packet', () => {
    expect(decodeAngelFrame(ltpFrame())).toEqual({
      packet: { mode: 'ltp', exchangeType: 1, token: '3045', sequence: 8_812_345, exchangeTimestampMs: T, ltp: 56_820 },
      errors: [],
    });
  });

  it('decodes a 123-byte Quote packet, the total quantities as doubles', () => {
    const { packet, errors } = decodeAngelFrame(quoteFrame().bytes);
    expect(errors).toEqual([]);
    expect(packet).toEqual({
      mode: 'quote', exchangeType: 1, token: '3045', sequence: 8_812_345, exchangeTimestampMs: T, ltp: 56_820,
      lastQuantity: 1, averagePrice: 56_783, volume: 3_556_150, totalBuyQuantity: 839_549, totalSellQuantity: 1_284_767,
      open: 56_740, high: 56_935, low: 56_610, close: 56_740,
    });
  });

  it('decodes a 379-byte SnapQuote with best five (buys at 147, sells at 247), circuits and 52-week range', () => {
    const { packet, errors } = decodeAngelFrame(snapQuoteFrame());
    expect(errors).toEqual([]);
    if (packet?.mode !== 'snap-quote') throw new Error('expected a SnapQuote');
    expect(packet.depth.buy).toEqual(BUYS.map(([price, quantity, orders]) => ({ flag: 1, price, quantity, orders })));
    expect(packet.depth.sell).toEqual(SELLS.map(([price, quantity, orders]) => ({ flag: 0, price, quantity, orders })));
    expect(packet).toMatchObject({
      lastTradedTimestamp: 1_687_324_569, openInterest: 0, oiChangePercent: 12.5,
      upperCircuit: 62_410, lowerCircuit: 51_070, high52Week: 62_955, low52Week: 43_070,
    });
  });

  it('decodes a 443-byte Depth-20 packet: 20 buy levels from 43, 20 sell levels from 243, 10 bytes each', () => {
    const { bytes, view } = header(443, 4, 1, '3045');
    i64(view, 27, T);
    i64(view, 35, 999); // packet received time: deprecated, not read
    for (let n = 0; n < 20; n++) {
      view.setInt32(43 + n * 10, 100 + n, true);
      view.setInt32(43 + n * 10 + 4, 56_820 - n * 5, true);
      view.setInt16(43 + n * 10 + 8, n + 1, true);
      view.setInt32(243 + n * 10, 200 + n, true);
      view.setInt32(243 + n * 10 + 4, 56_825 + n * 5, true);
      view.setInt16(243 + n * 10 + 8, n + 2, true);
    }
    const { packet, errors } = decodeAngelFrame(bytes);
    expect(errors).toEqual([]);
    if (packet?.mode !== 'depth-20') throw new Error('expected Depth-20');
    expect(packet.exchangeTimestampMs).toBe(T);
    expect(packet.depth.buy[19]).toEqual({ quantity: 119, price: 56_725, orders: 20 });
    expect(packet.depth.sell[0]).toEqual({ quantity: 200, price: 56_825, orders: 2 });
  });

  it('the test encoder writes the same bytes as the hand-built frames', () => {
    for (const frame of [ltpFrame(), quoteFrame().bytes, snapQuoteFrame()]) {
      const { packet } = decodeAngelFrame(frame);
      if (packet === null) throw new Error('hand-built frame did not decode');
      expect(encodeAngelPacket(packet)).toEqual(frame);
    }
  });

  it('reads a 25-byte token to its first NUL and refuses a non-ASCII or empty one', () => {
    const long = header(51, 1, 2, '1234567890123456789012345').bytes;
    expect(decodeAngelFrame(long).packet?.token).toBe('1234567890123456789012345');
    const empty = header(51, 1, 1, '').bytes;
    expect(decodeAngelFrame(empty)).toEqual({ packet: null, errors: [{ kind: 'bad-token', offset: 2 }] });
    const binary = header(51, 1, 1, '30').bytes;
    binary[4] = 0xc3;
    expect(decodeAngelFrame(binary).errors).toEqual([{ kind: 'bad-token', offset: 2 }]);
  });

  it('reports short frames, unknown modes and empty frames without a packet', () => {
    expect(decodeAngelFrame(ltpFrame().subarray(0, 50))).toEqual({ packet: null, errors: [{ kind: 'truncated', offset: 50 }] });
    expect(decodeAngelFrame(quoteFrame().bytes.subarray(0, 51)).errors).toEqual([{ kind: 'truncated', offset: 51 }]);
    const unknown = ltpFrame();
    unknown[0] = 9;
    expect(decodeAngelFrame(unknown)).toEqual({ packet: null, errors: [{ kind: 'unknown-mode', offset: 0 }] });
    expect(decodeAngelFrame(new Uint8Array(0)).errors).toEqual([{ kind: 'empty-frame', offset: 0 }]);
  });

  it('decodes a frame with extra bytes and reports them', () => {
    const frame = new Uint8Array(60);
    frame.set(ltpFrame());
    const result = decodeAngelFrame(frame);
    expect(result.packet?.mode).toBe('ltp');
    expect(result.errors).toEqual([{ kind: 'trailing-bytes', offset: 51 }]);
  });

  it('drops a packet whose price does not fit a safe integer, but tolerates a garbage sequence and OI change', () => {
    const price = ltpFrame();
    new DataView(price.buffer).setBigInt64(43, 2n ** 60n, true);
    expect(decodeAngelFrame(price)).toEqual({ packet: null, errors: [{ kind: 'out-of-range', offset: 43 }] });
    const snap = snapQuoteFrame();
    const view = new DataView(snap.buffer);
    view.setBigInt64(27, -(2n ** 62n), true);
    view.setFloat64(139, Number.NaN, true);
    const { packet } = decodeAngelFrame(snap);
    expect(packet?.mode === 'snap-quote' && [packet.sequence, packet.oiChangePercent]).toEqual([null, null]);
  });

  it('reads a frame inside a larger buffer (pooled Node buffers)', () => {
    const frame = ltpFrame();
    const pool = new Uint8Array(frame.length + 9);
    pool.set(frame, 4);
    const { packet } = decodeAngelFrame(pool.subarray(4, 4 + frame.length));
    expect(packet?.mode === 'ltp' && packet.ltp).toBe(56_820);
  });

  it('tallies frames, packets and errors', () => {
    const counters = createAngelDecodeCounters();
    tallyAngel(counters, decodeAngelFrame(ltpFrame()));
    tallyAngel(counters, decodeAngelFrame(new Uint8Array(3)));
    expect(counters).toMatchObject({ frames: 2, packets: 1 });
    expect(counters.errors['unknown-mode']).toBe(1);
  });
});
