import type pg from 'pg';
import type { RiskLimits, RiskState } from '../../../src-shared/contract/domains/orders';
import type { Paise } from '../../../src-shared/money';
import { checkRisk, type RiskOrder, type RiskResult, type RiskSettings } from '../risk';
import { limitsOf, loadRisk, saveKillSwitch, saveLimits, type StoredRisk } from './risk-store';

/**
 * The risk settings in force (loaded from risk_settings, written back on change with an
 * audit line) and the order-rate window. The checks themselves are risk.ts's.
 */
export class RiskControl {
  #stored: StoredRisk;
  #sent: number[] = [];

  private constructor(stored: StoredRisk) {
    this.#stored = stored;
  }

  static async load(pool: pg.Pool): Promise<RiskControl> {
    return new RiskControl(await loadRisk(pool));
  }

  get settings(): RiskSettings {
    return this.#stored.settings;
  }

  get engaged(): boolean {
    return this.#stored.settings.killSwitchEngaged;
  }

  /** An order went to the broker at `at` (the rate window counts these). */
  noteSent(at: number): void {
    this.#sent.push(at);
    if (this.#sent.length > 4 * this.#stored.settings.maxOrdersPerSecond) this.#sent = this.#sent.filter((t) => t > at - 1000);
  }

  recentSends(): readonly number[] {
    return this.#sent;
  }

  check(order: RiskOrder, snapshot: { now: number; openOrderCount: number; instrumentNetQuantity: number; dayPnl: Paise }): RiskResult {
    return checkRisk(order, this.#stored.settings, { ...snapshot, recentOrderTimestamps: this.#sent });
  }

  state(dayPnl: Paise, openOrderCount: number): RiskState {
    return {
      limits: limitsOf(this.#stored.settings),
      killSwitch: {
        engaged: this.#stored.settings.killSwitchEngaged,
        reason: this.#stored.killSwitchReason,
        at: this.#stored.killSwitchAt,
      },
      dayPnl,
      openOrderCount,
    };
  }

  async updateLimits(pool: pg.Pool, changes: Partial<RiskLimits>, actor: string): Promise<void> {
    const before = limitsOf(this.#stored.settings);
    // A key present with `undefined` (IPC's structured clone keeps it; zod's .partial() lets it
    // through) means "unchanged", not "no limit" or NULL (found by fuzzing).
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<RiskLimits>;
    const after: RiskLimits = { ...before, ...given };
    await saveLimits(pool, before, after, actor);
    this.#stored = { ...this.#stored, settings: { ...this.#stored.settings, ...after } };
  }

  /** Returns false when the switch was already in that position (nothing written). */
  async setKillSwitch(pool: pg.Pool, engaged: boolean, reason: string | null, actor: string, details: Record<string, unknown>): Promise<boolean> {
    if (this.#stored.settings.killSwitchEngaged === engaged) return false;
    const at = await saveKillSwitch(pool, engaged, reason, actor, details);
    this.#stored = {
      settings: { ...this.#stored.settings, killSwitchEngaged: engaged },
      killSwitchReason: engaged ? reason : null,
      killSwitchAt: engaged ? at : null,
    };
    return true;
  }
}
