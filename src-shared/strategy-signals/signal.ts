/**
 * What a built-in's signal helper returns, in the shape the seeds'
 * trading_signals rows take: an action, a confidence in [0, 1], and the
 * prices a strategy sizes and exits by (as the bars carry them: paise in
 * Tickdesk). HOLD is the absence of a signal (null).
 */
export type SignalAction = 'BUY' | 'SELL';
export type SignalType = 'STRONG_BUY' | 'BUY' | 'HOLD' | 'SELL' | 'STRONG_SELL';

export interface Signal {
  action: SignalAction;
  /** 0–1; each helper states what it measures. */
  confidence: number;
  /** Time and close of the bar the signal fired on. */
  time: number;
  price: number;
  /** Where the setup is proven wrong; null when the helper has no opinion. */
  stopLoss: number | null;
  target: number | null;
}

/** Confidence at or above which a signal is recorded as STRONG_BUY / STRONG_SELL. */
export const STRONG_CONFIDENCE = 0.75;

export function signalType(signal: Signal | null): SignalType {
  if (signal === null) return 'HOLD';
  const strong = signal.confidence >= STRONG_CONFIDENCE;
  if (signal.action === 'BUY') return strong ? 'STRONG_BUY' : 'BUY';
  return strong ? 'STRONG_SELL' : 'SELL';
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
