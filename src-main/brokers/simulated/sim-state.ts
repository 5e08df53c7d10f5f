/**
 * Per-instrument state of the simulated feed in flat typed arrays, built once
 * from the universe: the hot loop then reads numbers by index and allocates
 * nothing but the Tick it returns.
 */
import { istInstant } from '../../../src-shared/market/ist-calendar';
import type { UniverseEntry } from '../../market/universe';
import { MODEL_DEFAULTS, volPerSqrtMs } from './price-model';
import type { Random } from '../../util/prng';

export const KIND_INDEX = 0;
export const KIND_EQ = 1;
export const KIND_FUT = 2;
export const KIND_CE = 3;
export const KIND_PE = 4;

/** Expiry instant: 15:30 IST on the expiry day. */
const EXPIRY_MINUTE = 15 * 60 + 30;

export interface SimState {
  count: number;
  kind: Uint8Array;
  token: Float64Array;
  tick: Float64Array;
  lot: Float64Array;
  ref: Float64Array;
  fair: Float64Array;
  fairTs: Float64Array;
  sigma: Float64Array;
  /** Index of the underlying in these arrays, -1 for none. */
  under: Int32Array;
  strike: Float64Array;
  expiryMs: Float64Array;
  volume: Float64Array;
  oi: Float64Array;
}

export function buildSimState(entries: readonly UniverseEntry[], startTime: number, random: Random): SimState {
  const count = entries.length;
  if (count === 0) throw new RangeError('the simulated feed needs at least one instrument');
  const state: SimState = {
    count,
    kind: new Uint8Array(count),
    token: new Float64Array(count),
    tick: new Float64Array(count),
    lot: new Float64Array(count),
    ref: new Float64Array(count),
    fair: new Float64Array(count),
    fairTs: new Float64Array(count).fill(startTime),
    sigma: new Float64Array(count),
    under: new Int32Array(count).fill(-1),
    strike: new Float64Array(count),
    expiryMs: new Float64Array(count),
    volume: new Float64Array(count),
    oi: new Float64Array(count),
  };
  const indexOfToken = new Map<number, number>();
  entries.forEach((entry, i) => indexOfToken.set(entry.instrument.token, i));

  entries.forEach((entry, i) => {
    const { instrument } = entry;
    state.token[i] = instrument.token;
    state.tick[i] = instrument.tickSize;
    state.lot[i] = instrument.lotSize;
    const type = instrument.instrumentType;
    state.kind[i] = type === 'INDEX' ? KIND_INDEX : type === 'EQ' ? KIND_EQ : type === 'FUT' ? KIND_FUT : type === 'CE' ? KIND_CE : KIND_PE;
    if (type === 'INDEX' || type === 'EQ') {
      if (entry.refPrice === null) throw new RangeError(`${instrument.tradingsymbol} needs a reference price`);
      state.ref[i] = entry.refPrice;
      state.fair[i] = entry.refPrice;
      state.sigma[i] = volPerSqrtMs(type === 'INDEX' ? MODEL_DEFAULTS.indexVol : MODEL_DEFAULTS.stockVol);
      return;
    }
    const under = entry.underlyingToken === null ? undefined : indexOfToken.get(entry.underlyingToken);
    if (under === undefined) throw new RangeError(`${instrument.tradingsymbol}: its underlying is not among the instruments`);
    const underType = entries[under]?.instrument.instrumentType;
    if (underType !== 'INDEX' && underType !== 'EQ') throw new RangeError(`${instrument.tradingsymbol}: underlying must be an index or a stock`);
    if (instrument.expiry === null) throw new RangeError(`${instrument.tradingsymbol} has no expiry`);
    state.under[i] = under;
    state.expiryMs[i] = istInstant(instrument.expiry, EXPIRY_MINUTE);
    state.strike[i] = instrument.strike ?? 0;
    const underRef = entries[under]?.refPrice ?? 0;
    // Open interest in whole lots: deep for futures, thinning away from the money for options.
    const distance = type === 'FUT' ? 0 : Math.abs(state.strike[i] - underRef) / (underRef * 0.02);
    const lots = Math.round((type === 'FUT' ? 150_000 : 60_000) * Math.exp(-distance) * (0.5 + random()));
    state.oi[i] = Math.max(1, lots) * instrument.lotSize;
  });
  return state;
}
