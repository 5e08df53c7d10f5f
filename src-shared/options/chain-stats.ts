/**
 * Statistics of one option-chain snapshot (one underlying, one expiry).
 * Strikes are paise and open interest and volume are units (not lots), as
 * the instrument master and the feeds give them, so the writers' payout at a
 * settlement price is exact integer paise. It is summed in bigint: the
 * prefix sums Σ OI × strike of a NIFTY chain pass 2^53 paise.
 */

export interface ChainSide {
  /** Open interest, units. */
  oi: number;
  /** Day volume, units. */
  volume: number;
}

export interface ChainStrike {
  strike: number;
  call: ChainSide | null;
  put: ChainSide | null;
}

export interface PutCallRatio {
  /** Σ put OI / Σ call OI; null when no call has open interest. */
  byOi: number | null;
  /** Σ put volume / Σ call volume; null when no call traded. */
  byVolume: number | null;
}

export interface MaxPain {
  strike: number;
  /** What option writers pay holders if the underlying settles at `strike`, paise. */
  writersPayoutPaise: bigint;
}

function units(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number ≥ 0, got ${value}`);
  return value;
}

export function putCallRatio(chain: readonly ChainStrike[]): PutCallRatio {
  let callOi = 0;
  let putOi = 0;
  let callVolume = 0;
  let putVolume = 0;
  for (const row of chain) {
    if (row.call) {
      callOi += units(row.call.oi, 'call OI');
      callVolume += units(row.call.volume, 'call volume');
    }
    if (row.put) {
      putOi += units(row.put.oi, 'put OI');
      putVolume += units(row.put.volume, 'put volume');
    }
  }
  return { byOi: callOi > 0 ? putOi / callOi : null, byVolume: callVolume > 0 ? putVolume / callVolume : null };
}

/**
 * Max pain: the strike at which, if the underlying settled there, the total
 * intrinsic value paid to option holders — Σ call OI × max(0, P − K) + Σ put
 * OI × max(0, K − P) — is smallest. Candidates are the chain's own strikes
 * (the payout is piecewise linear with kinks only there, so its minimum is at
 * one). Ties go to the LOWER strike. Rows with the same strike are added
 * together. O(n log n): prefix sums instead of pricing every strike against
 * every other. Null for an empty chain.
 */
export function maxPain(chain: readonly ChainStrike[]): MaxPain | null {
  const byStrike = new Map<number, { call: bigint; put: bigint }>();
  for (const row of chain) {
    units(row.strike, 'strike');
    const entry = byStrike.get(row.strike) ?? { call: 0n, put: 0n };
    if (row.call) entry.call += BigInt(units(row.call.oi, 'call OI'));
    if (row.put) entry.put += BigInt(units(row.put.oi, 'put OI'));
    byStrike.set(row.strike, entry);
  }
  const strikes = [...byStrike.keys()].sort((a, b) => a - b);
  if (strikes.length === 0) return null;
  const k = strikes.map(BigInt);
  const callOi = strikes.map((s) => (byStrike.get(s) as { call: bigint }).call);
  const putOi = strikes.map((s) => (byStrike.get(s) as { put: bigint }).put);
  // Calls struck at or below P pay P·ΣOI − Σ(OI·K); puts struck at or above P pay Σ(OI·K) − P·ΣOI.
  const n = strikes.length;
  let putsAbove = putOi.reduce((a, b) => a + b, 0n);
  let putsAboveValue = putOi.reduce((a, oi, i) => a + oi * (k[i] as bigint), 0n);
  let callsBelow = 0n;
  let callsBelowValue = 0n;
  let best: MaxPain | null = null;
  for (let i = 0; i < n; i++) {
    const p = k[i] as bigint;
    callsBelow += callOi[i] as bigint;
    callsBelowValue += (callOi[i] as bigint) * p;
    const payout = p * callsBelow - callsBelowValue + (putsAboveValue - p * putsAbove);
    if (best === null || payout < best.writersPayoutPaise) best = { strike: strikes[i] as number, writersPayoutPaise: payout };
    putsAbove -= putOi[i] as bigint;
    putsAboveValue -= (putOi[i] as bigint) * p;
  }
  return best;
}
