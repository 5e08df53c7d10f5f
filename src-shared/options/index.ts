export { normCdf, normPdf, erfc } from './normal';
export {
  blackScholesGreeks,
  blackScholesPrice,
  black76Greeks,
  black76Price,
  type Greeks,
  type OptionKind,
  type SpotInputs,
  type FutureInputs,
} from './black-scholes';
export {
  blackScholesImpliedVol,
  black76ImpliedVol,
  MIN_VOL,
  MAX_VOL,
  MAX_ITERATIONS,
  type IvResult,
  type IvFailure,
  type SpotIvInputs,
  type FutureIvInputs,
} from './implied-vol';
export { yearsToExpiry, expiryInstant, NSE_EXPIRY_CLOSE } from './expiry-time';
export { putCallRatio, maxPain, type ChainSide, type ChainStrike, type PutCallRatio, type MaxPain } from './chain-stats';
export { atmStrike } from './atm';
