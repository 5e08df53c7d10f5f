import type pg from 'pg';
import type { RiskLimits } from '../../../src-shared/contract/domains/orders';
import { paiseToRupeesString, rupeesToPaise, type Paise } from '../../../src-shared/money';
import { withAppTransaction } from '../../db/app-transaction';
import type { RiskSettings } from '../risk';

/**
 * `risk_settings` (one row) ↔ RiskSettings in paise, and the audit_log lines every
 * change writes in the same transaction: limits, kill switch on, kill switch off.
 */

export interface StoredRisk {
  settings: RiskSettings;
  killSwitchReason: string | null;
  killSwitchAt: number | null;
}

interface RiskRow {
  max_order_value: string | null;
  max_position_value_per_instrument: string | null;
  max_open_orders: number | null;
  max_orders_per_second: number;
  daily_loss_limit: string | null;
  kill_switch_engaged: boolean;
  kill_switch_reason: string | null;
  kill_switch_at: Date | null;
}

const paise = (value: string | null): Paise | null => (value === null ? null : rupeesToPaise(value));
const rupees = (value: Paise | null): string | null => (value === null ? null : paiseToRupeesString(value));

export async function loadRisk(pool: pg.Pool): Promise<StoredRisk> {
  const { rows } = await pool.query<RiskRow>('SELECT * FROM risk_settings WHERE id');
  const row = rows[0];
  if (!row) throw new Error('risk_settings has no row; migration 0007 seeds one');
  return {
    settings: {
      maxOrderValue: paise(row.max_order_value),
      maxPositionValuePerInstrument: paise(row.max_position_value_per_instrument),
      maxOpenOrders: row.max_open_orders,
      maxOrdersPerSecond: row.max_orders_per_second,
      dailyLossLimit: paise(row.daily_loss_limit),
      killSwitchEngaged: row.kill_switch_engaged,
    },
    killSwitchReason: row.kill_switch_reason,
    killSwitchAt: row.kill_switch_at?.getTime() ?? null,
  };
}

export function limitsOf(settings: RiskSettings): RiskLimits {
  return {
    maxOrderValue: settings.maxOrderValue,
    maxPositionValuePerInstrument: settings.maxPositionValuePerInstrument,
    maxOpenOrders: settings.maxOpenOrders,
    maxOrdersPerSecond: settings.maxOrdersPerSecond,
    dailyLossLimit: settings.dailyLossLimit,
  };
}

/** Writes the limits and an audit line with what changed (before → after). */
export async function saveLimits(pool: pg.Pool, before: RiskLimits, after: RiskLimits, actor: string): Promise<void> {
  const changed = (Object.keys(after) as Array<keyof RiskLimits>).filter((k) => after[k] !== before[k]);
  if (changed.length === 0) return;
  await withAppTransaction(pool, async (client) => {
    await client.query(
      `UPDATE risk_settings SET max_order_value = $1, max_position_value_per_instrument = $2, max_open_orders = $3,
         max_orders_per_second = $4, daily_loss_limit = $5, updated_at = now() WHERE id`,
      [rupees(after.maxOrderValue), rupees(after.maxPositionValuePerInstrument), after.maxOpenOrders,
        after.maxOrdersPerSecond, rupees(after.dailyLossLimit)],
    );
    const details = Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }]));
    await audit(client, actor, 'risk.update', details);
  });
}

/** Engages or resets the kill switch, with its audit line. Returns the instant stored. */
export async function saveKillSwitch(
  pool: pg.Pool,
  engaged: boolean,
  reason: string | null,
  actor: string,
  details: Record<string, unknown>,
): Promise<number | null> {
  return withAppTransaction(pool, async (client) => {
    const { rows } = await client.query<{ at: Date | null }>(
      `UPDATE risk_settings SET kill_switch_engaged = $1, kill_switch_reason = $2,
         kill_switch_at = CASE WHEN $1 THEN clock_timestamp() END, updated_at = now()
       WHERE id RETURNING kill_switch_at AS at`,
      [engaged, engaged ? reason : null],
    );
    await audit(client, actor, engaged ? 'killswitch.engage' : 'killswitch.reset', { reason, ...details });
    return rows[0]?.at?.getTime() ?? null;
  });
}

async function audit(client: pg.PoolClient, actor: string, action: string, details: Record<string, unknown>): Promise<void> {
  await client.query('INSERT INTO audit_log (actor, action, details) VALUES ($1, $2, $3)', [actor, action, JSON.stringify(details)]);
}
