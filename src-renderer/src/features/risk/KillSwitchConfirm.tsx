import { useEffect, useRef, useState } from 'react';

interface KillSwitchConfirmProps {
  /** The switch's state now: true asks to reset it, false to engage it. */
  engaged: boolean;
  openOrders: number;
  busy: boolean;
  error: string | null;
  onConfirm(reason: string): void;
  onCancel(): void;
}

/** The confirmation the kill switch needs in both directions; Esc or Cancel backs out. */
export function KillSwitchConfirm({ engaged, openOrders, busy, error, onConfirm, onCancel }: KillSwitchConfirmProps) {
  const [reason, setReason] = useState('');
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Focus starts on the safe choice: an Enter pressed out of habit must not trip the switch.
  useEffect(() => cancelRef.current?.focus(), []);

  return (
    <div className="ks-backdrop">
      <div
        className="ks-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="ks-title"
        data-testid="kill-switch-dialog"
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          onCancel();
        }}
      >
        <h3 id="ks-title">{engaged ? 'Reset the kill switch?' : 'Engage the kill switch?'}</h3>
        {engaged ? (
          <p>New orders will be accepted again. Check your positions and the day’s loss first.</p>
        ) : (
          <>
            <p>
              Every open order ({openOrders}) will be cancelled and no new order will be accepted until you reset it.
            </p>
            <label className="ks-reason">
              Reason (optional)
              <input value={reason} maxLength={200} data-testid="kill-switch-reason" onChange={(event) => setReason(event.target.value)} />
            </label>
          </>
        )}
        {error ? (
          <p className="ks-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="ks-actions">
          <button type="button" ref={cancelRef} className="mini" data-testid="kill-switch-cancel" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className={`mini ${engaged ? '' : 'ks-danger'}`} data-testid="kill-switch-confirm" disabled={busy} onClick={() => onConfirm(reason)}>
            {busy ? 'Working…' : engaged ? 'Reset kill switch' : 'Engage kill switch'}
          </button>
        </div>
      </div>
    </div>
  );
}
