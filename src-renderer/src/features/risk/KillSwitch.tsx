import { useState } from 'react';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { formatIstDateTime } from '../../format/ist-time';
import { formatInr } from '../../format/money';
import { setRiskState, useRiskStore } from '../../stores/risk-store';
import { KillSwitchConfirm } from './KillSwitchConfirm';
import '../orders/orders.css';
import './risk.css';

/**
 * The kill switch in the top bar: its state from risk.get / risk.changed, and
 * a button that engages or resets it — each only after an explicit confirmation.
 */
export function KillSwitch() {
  const client = useClient();
  const state = useRiskStore((s) => s.state);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const engaged = state?.killSwitch.engaged ?? null;

  const confirm = async (reason: string) => {
    if (engaged === null) return;
    setBusy(true);
    setError(null);
    try {
      const trimmed = reason.trim();
      setRiskState(await client.call('risk.killSwitch', engaged ? { engage: false } : { engage: true, ...(trimmed ? { reason: trimmed } : {}) }));
      setAsking(false);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const limit = state?.limits.dailyLossLimit ?? null;
  const title = [
    engaged === null ? 'Kill switch state not known yet' : engaged ? 'Kill switch ENGAGED: new orders are blocked' : 'Kill switch off: orders allowed',
    state?.killSwitch.reason ? `Reason: ${state.killSwitch.reason}` : null,
    state?.killSwitch.at ? `Since ${formatIstDateTime(state.killSwitch.at)}` : null,
    `Daily loss limit: ${limit === null ? 'none' : formatInr(limit)}`,
  ]
    .filter(Boolean)
    .join('\n');

  return (
    <>
      <span className={`badge kill-switch ${engaged === null ? 'ks-unknown' : engaged ? 'ks-on' : 'ks-off'}`} title={title} data-testid="kill-switch" data-engaged={engaged === null ? 'unknown' : String(engaged)}>
        <span className="badge-label">Kill</span>
        <span data-testid="kill-switch-state">{engaged === null ? '—' : engaged ? 'ENGAGED' : 'OFF'}</span>
        <button type="button" className="ks-btn" data-testid="kill-switch-toggle" disabled={engaged === null} onClick={() => setAsking(true)}>
          {engaged ? 'Reset' : 'Engage'}
        </button>
      </span>
      {asking && engaged !== null ? (
        <KillSwitchConfirm
          engaged={engaged}
          openOrders={state?.openOrderCount ?? 0}
          busy={busy}
          error={error}
          onConfirm={(reason) => void confirm(reason)}
          onCancel={() => {
            setAsking(false);
            setError(null);
          }}
        />
      ) : null}
    </>
  );
}
