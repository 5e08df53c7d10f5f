export { signalType, STRONG_CONFIDENCE, type Signal, type SignalAction, type SignalType } from './signal';
export { createEmaCrossover, emaCrossoverSignals, crossing, type EmaCrossoverOptions, type EmaCrossSignal, type Side } from './ema-crossover';
export {
  createSupportResistance,
  findLevels,
  levelSignal,
  type Level,
  type Levels,
  type LevelSignal,
  type SupportResistanceOptions,
} from './support-resistance';
export {
  sizeByRisk,
  EMA_CROSSOVER_RISK_BPS,
  SUPPORT_RESISTANCE_RISK_BPS,
  type RiskSizing,
  type RiskSizingInput,
  type RiskSizingShortfall,
} from './position-size';
