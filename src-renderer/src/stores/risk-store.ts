import { create } from 'zustand';
import type { RiskState } from '../../../src-shared/contract/domains/orders';

interface RiskStore {
  /** Null until risk.get answers (the kill switch then shows "unknown", never "off"). */
  state: RiskState | null;
  error: string | null;
}

/** Written by features/orders/orders-sync.ts and by the kill switch's own answers. */
export const useRiskStore = create<RiskStore>()(() => ({ state: null, error: null }));

export function setRiskState(state: RiskState): void {
  useRiskStore.setState({ state, error: null });
}
