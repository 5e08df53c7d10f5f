import { describe, expect, it } from 'vitest';
import type { HsmEntry } from './hsm-decoder';
import { INDEX_FIELD, SCRIP_FIELD } from './hsm-protocol';
import { hsmPriceToPaise, hsmTick, type HsmTickOptions } from './hsm-tick';
import { TopicTable } from './hsm-topics';

const at = (length: number, set: Record<number, number>) => Array.from({ length }, (_, i) => set[i] ?? null);
const TCS = 11536 * 256 + 1;
const NIFTY = 26000 * 256 + 1;
const known = new Map([['nse_cm|11536', TCS], ['nse_cm|26000', NIFTY]]);
const options: HsmTickOptions = { resolve: (segment, token) => known.get(`${segment}|${token}`) ?? null, receivedAtMs: 1_767_000_000_000 };

const snapTcs: HsmEntry = {
  kind: 'snap', topicId: 1, name: 'sf|nse_cm|11536',
  values: at(25, {
    [SCRIP_FIELD.VOLUME]: 1_000, [SCRIP_FIELD.LTP]: 412_350, [SCRIP_FIELD.LAST_QTY]: 5, [SCRIP_FIELD.BID]: 412_300,
    [SCRIP_FIELD.ASK]: 412_400, [SCRIP_FIELD.BID_QTY]: 40, [SCRIP_FIELD.ASK_QTY]: 60, [SCRIP_FIELD.MULTIPLIER]: 1, [SCRIP_FIELD.PRECISION]: 2,
  }),
  strings: [{ id: 52, value: '11536' }, { id: 53, value: 'nse_cm' }],
};

describe('HSM topic table and ticks', () => {
  it('a SNAP then an UPDATE with only the changed fields gives the merged state', () => {
    const table = new TopicTable();
    const first = table.apply([snapTcs]);
    expect(first.problems).toEqual([]);
    const tick1 = first.touched[0] && hsmTick(first.touched[0], options);
    expect(tick1).toEqual({ ok: true, tick: { token: TCS, ts: options.receivedAtMs, ltp: 412_350, lastQty: 5, volume: 1_000, oi: 0, bid: 412_300, bidQty: 40, ask: 412_400, askQty: 60 } });

    const second = table.apply([{ kind: 'update', topicId: 1, values: at(7, { [SCRIP_FIELD.LTP]: 412_400, [SCRIP_FIELD.VOLUME]: 1_007, [SCRIP_FIELD.LAST_QTY]: 7 }) }]);
    const tick2 = second.touched[0] && hsmTick(second.touched[0], options);
    // ltp, volume and last qty moved; bid/ask (not in the UPDATE) keep their SNAP values.
    expect(tick2).toMatchObject({ ok: true, tick: { ltp: 412_400, volume: 1_007, lastQty: 7, bid: 412_300, ask: 412_400, askQty: 60 } });
  });

  it('an index topic converts its value with its own multiplier and precision', () => {
    const table = new TopicTable();
    const { touched } = table.apply([
      { kind: 'snap', topicId: 4, name: 'if|nse_cm|26000', values: at(10, { [INDEX_FIELD.LTP]: 24_500_350, [INDEX_FIELD.MULTIPLIER]: 10, [INDEX_FIELD.PRECISION]: 2 }), strings: [] },
    ]);
    expect(touched[0] && hsmTick(touched[0], options)).toEqual({ ok: true, tick: { token: NIFTY, ts: options.receivedAtMs, ltp: 2_450_035, lastQty: 0, volume: 0, oi: 0, bid: null, bidQty: 0, ask: null, askQty: 0 } });
  });

  it('counts an UPDATE for an unknown topic and a SNAP of an unknown kind, and keeps going', () => {
    const table = new TopicTable();
    const result = table.apply([
      { kind: 'update', topicId: 99, values: [1] },
      { kind: 'snap', topicId: 5, name: 'zz|nse_cm|1', values: [], strings: [] },
      snapTcs,
    ]);
    expect(result.problems).toEqual(['unknown-topic', 'unknown-kind']);
    expect(result.touched.map((t) => t.id)).toEqual([1]);
    table.clear();
    expect(table.apply([{ kind: 'update', topicId: 1, values: [1] }]).problems).toEqual(['unknown-topic']);
  });

  it('is bounded', () => {
    const table = new TopicTable(2);
    const snap = (id: number): HsmEntry => ({ kind: 'snap', topicId: id, name: `sf|nse_cm|${id}`, values: [], strings: [] });
    expect(table.apply([snap(1), snap(2), snap(3), snap(1)]).problems).toEqual(['table-full']);
    expect(table.size).toBe(2);
  });

  it('refuses unknown instruments, missing prices and sub-paise prices', () => {
    const table = new TopicTable();
    const { touched } = table.apply([
      { kind: 'snap', topicId: 1, name: 'sf|nse_cm|999', values: at(6, { [SCRIP_FIELD.LTP]: 100 }), strings: [] },
      { kind: 'snap', topicId: 2, name: 'sf|nse_cm|11536', values: at(6, {}), strings: [] },
      { kind: 'snap', topicId: 3, name: 'sf|nse_cm|11536', values: at(25, { [SCRIP_FIELD.LTP]: 832_525, [SCRIP_FIELD.PRECISION]: 4 }), strings: [] },
      { kind: 'snap', topicId: 4, name: 'dp|nse_cm|11536', values: [], strings: [] },
    ]);
    expect(touched.map((t) => hsmTick(t, options))).toEqual([
      { ok: false, reason: 'unknown-instrument' },
      { ok: false, reason: 'no-price' },
      { ok: false, reason: 'sub-paise' },
      { ok: false, reason: 'depth-topic' },
    ]);
  });

  it('converts prices to paise in integers', () => {
    expect(hsmPriceToPaise(2_450_035, 1, 2)).toBe(2_450_035);
    expect(hsmPriceToPaise(245_003, 1, 1)).toBe(2_450_030);
    expect(hsmPriceToPaise(245_003_500, 100, 2)).toBe(2_450_035);
    expect(hsmPriceToPaise(832_500, 1, 4)).toBe(8_325);
    expect(hsmPriceToPaise(832_525, 1, 4)).toBe('sub-paise');
    expect(hsmPriceToPaise(7, 1, 0)).toBe(700);
    expect(hsmPriceToPaise(1, 0, 2)).toBe('bad-scale');
    expect(hsmPriceToPaise(1, 1, 4_000_000_000)).toBe('bad-scale');
    expect(hsmPriceToPaise(0, 4_294_967_295, 15)).toBe(0);
    expect(hsmPriceToPaise(4_294_967_295, 4_294_967_295, 15)).toBe('sub-paise');
    // 0.1 + 0.2 style float error cannot happen: 0.3 rupees at precision 1 is exactly 30 paise.
    expect(hsmPriceToPaise(3, 1, 1)).toBe(30);
  });
});
