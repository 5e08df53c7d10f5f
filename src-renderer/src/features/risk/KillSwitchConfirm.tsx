import { useState } from 'react';
import { formatCount } from '../../format/quantity';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

interface KillSwitchConfirmProps {
  /** The switch's state now: true asks to reset it, false to engage it. */
  engaged: boolean;
  openOrders: number;
  busy: boolean;
  error: string | null;
  onConfirm(reason: string): void;
  onCancel(): void;
}

const testIds = { dialog: 'kill-switch-dialog', confirm: 'kill-switch-confirm', cancel: 'kill-switch-cancel' };

/** The confirmation the kill switch needs in both directions: engaging cancels every open order. */
export function KillSwitchConfirm({ engaged, openOrders, busy, error, onConfirm, onCancel }: KillSwitchConfirmProps) {
  const [reason, setReason] = useState('');
  return (
    <ConfirmDialog
      title={engaged ? 'Reset the kill switch?' : 'Engage the kill switch?'}
      confirmLabel={engaged ? 'Reset kill switch' : 'Engage kill switch'}
      tone={engaged ? 'caution' : 'danger'}
      busy={busy}
      error={error}
      onConfirm={() => onConfirm(reason)}
      onCancel={onCancel}
      testIds={testIds}
    >
      {engaged ? (
        <p>New orders will be accepted again. Check your positions and the day’s loss first.</p>
      ) : (
        <>
          <p>Every open order ({formatCount(openOrders)}) will be cancelled and no new order will be accepted until you reset it.</p>
          <label className="dialog-field">
            Reason (optional)
            <input value={reason} maxLength={200} data-testid="kill-switch-reason" onChange={(event) => setReason(event.target.value)} />
          </label>
        </>
      )}
    </ConfirmDialog>
  );
}
