import { describe, expect, test } from 'vitest';
import type { Tick } from '../../../src-shared/domain/tick';
import { COPY_HEADER, COPY_TRAILER, MAX_ROW_BYTES, MIN_ROW_BYTES, TICK_FLAG_SIMULATED, TickRowEncoder, copyPayload, copyRowsProblem } from './copy-binary';
import { FIELD_COUNT, columnsProblem, packTicks, tickAt } from './tick-columns';
import { createTickStage } from './tick-stage';

const tick = (over: Partial<Tick> = {}): Tick => ({ token: 1, ts: 1_800_000_000_000, ltp: 100_05, lastQty: 1, volume: 10, oi: 0, bid: 100_00, bidQty: 2, ask: 100_10, askQty: 3, ...over });

describe('tick columns', () => {
  test('pack and unpack keep every field, null bid/ask included', () => {
    const ticks = [tick(), tick({ token: 2, bid: null, ask: null, volume: 2 ** 50 })];
    const columns = packTicks(ticks);
    expect(columns.data.length).toBe(2 * FIELD_COUNT);
    expect([tickAt(columns, 0), tickAt(columns, 1)]).toEqual(ticks);
    expect(columnsProblem(2, columns.data)).toBeNull();
  });

  test('a batch of the wrong shape is named, not trusted', () => {
    expect(columnsProblem(3, new Float64Array(2 * FIELD_COUNT))).toMatch(/expected 3 × 10/);
    expect(columnsProblem(-1, new Float64Array(0))).toMatch(/not a whole number/);
    expect(columnsProblem(1, new Int32Array(FIELD_COUNT))).toMatch(/not a Float64Array/);
  });
});

describe('binary COPY rows', () => {
  test('a row has 13 fields and its size lies between the bounds; the payload is header + rows + trailer', () => {
    const encoder = new TickRowEncoder(16);
    encoder.append(tick(), 1_800_000_000_000.5, TICK_FLAG_SIMULATED);
    encoder.append(tick({ ltp: 0, bid: null, ask: null }), 1_800_000_000_000, 0);
    const { bytes, rows } = encoder.take();
    expect(rows).toBe(2);
    expect(new DataView(bytes.buffer).getInt16(0)).toBe(13);
    expect(bytes.byteLength).toBeGreaterThanOrEqual(2 * MIN_ROW_BYTES);
    expect(bytes.byteLength).toBeLessThanOrEqual(2 * MAX_ROW_BYTES);
    expect(copyRowsProblem(bytes, 2)).toBeNull();
    expect(copyRowsProblem(bytes, 5)).toMatch(/cannot hold 5 rows/);
    const payload = copyPayload([bytes]);
    expect(payload[0]).toBe(COPY_HEADER);
    expect(payload[payload.length - 1]).toBe(COPY_TRAILER);
    expect(new TextDecoder().decode(COPY_HEADER.subarray(0, 6))).toBe('PGCOPY');
    // take() resets the encoder.
    expect(encoder.take().rows).toBe(0);
  });

  test('numeric 2450.05 is written as base-10000 digits [2450, 500], weight 0, scale 2', () => {
    const encoder = new TickRowEncoder();
    encoder.append(tick({ ltp: 2450_05 }), 0, 0);
    const view = new DataView(encoder.take().bytes.buffer);
    // field count (2) + token (4 + 8) + ts (4 + 8) → ltp starts at 26
    expect(view.getInt32(26)).toBe(12);
    expect([view.getInt16(30), view.getInt16(32), view.getUint16(34), view.getInt16(36), view.getInt16(38), view.getInt16(40)]).toEqual([2, 0, 0, 2, 2450, 500]);
  });
});

describe('tick stage', () => {
  test('guards, counts every verdict, and encodes exactly the accepted ticks', () => {
    const stage = createTickStage({ knownTokens: [1, 2], persist: true, flags: TICK_FLAG_SIMULATED });
    const batch = stage.stage([tick(), tick(), tick({ token: 99 }), tick({ token: 2, ltp: -5 }), 'garbage', null, tick({ token: 2, ts: 1_800_000_000_100, volume: 11 })], 1_800_000_000_200);
    expect(batch.verdicts).toEqual({ accepted: 2, duplicate: 1, unknownToken: 1, badPrice: 1, malformed: 2, outOfOrder: 0 });
    expect(batch.columns.count).toBe(2);
    expect(batch.copy?.rows).toBe(2);
    expect(tickAt(batch.columns, 1).token).toBe(2);
    // Verdicts are per batch.
    expect(stage.stage([], 0).verdicts.accepted).toBe(0);
  });

  test('a feed whose ticks are not stored (replay) encodes nothing', () => {
    const stage = createTickStage({ knownTokens: [1], persist: false, flags: 0 });
    expect(stage.stage([tick()], 0).copy).toBeNull();
  });
});
