/**
 * Synthetic instrument tokens for the simulated universe. They live in
 * [1,900,000,000, 2^31): above real Kite tokens and inside an int4 column, so a
 * simulated tick can never be mistaken for a broker's. Derivative tokens are a
 * pure function of (underlying, expiry, strike, type), so the same contract
 * keeps the same token on every day it is generated and stored ticks stay joinable.
 */
import { daysBetween, type IstDay } from '../../src-shared/market/ist-calendar';

export const SYNTHETIC_TOKEN_MIN = 1_900_000_000;
export const SYNTHETIC_TOKEN_MAX = 2_147_483_647;

const INDEX_BASE = SYNTHETIC_TOKEN_MIN; // + index position (< 1,000)
const STOCK_BASE = SYNTHETIC_TOKEN_MIN + 1_000; // + stock position (< 99,000)
const FUTURE_BASE = SYNTHETIC_TOKEN_MIN + 100_000; // + underlying × 10,000 + expiry ordinal
const OPTION_BASE = SYNTHETIC_TOKEN_MIN + 10_000_000;
/** Expiry ordinals count days from here. */
const EPOCH_DAY = '2024-01-01';
const MAX_OPTION_EXPIRY_ORDINAL = 4095; // through 2035-03
const MAX_STRIKE_INDEX = 2047;
const MAX_UNDERLYINGS = 14;

function check(value: number, max: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new RangeError(`synthetic token: ${what} ${value} is outside 0…${max}`);
  }
  return value;
}

export function indexToken(position: number): number {
  return INDEX_BASE + check(position, 999, 'index position');
}

export function stockToken(position: number): number {
  return STOCK_BASE + check(position, 98_999, 'stock position');
}

export function futureToken(underlying: number, expiry: IstDay): number {
  check(underlying, MAX_UNDERLYINGS - 1, 'underlying position');
  return FUTURE_BASE + underlying * 10_000 + check(daysBetween(EPOCH_DAY, expiry), 9_999, 'expiry ordinal');
}

/** strikeIndex = strike / strike step. */
export function optionToken(underlying: number, expiry: IstDay, strikeIndex: number, type: 'CE' | 'PE'): number {
  check(underlying, MAX_UNDERLYINGS - 1, 'underlying position');
  const ordinal = check(daysBetween(EPOCH_DAY, expiry), MAX_OPTION_EXPIRY_ORDINAL, 'expiry ordinal');
  check(strikeIndex, MAX_STRIKE_INDEX, 'strike index');
  return OPTION_BASE + ((underlying * (MAX_OPTION_EXPIRY_ORDINAL + 1) + ordinal) * (MAX_STRIKE_INDEX + 1) + strikeIndex) * 2 + (type === 'PE' ? 1 : 0);
}
