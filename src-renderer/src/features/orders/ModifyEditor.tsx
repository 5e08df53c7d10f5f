import { useState, type FormEvent } from 'react';
import type { Order } from '../../../../src-shared/contract/domains/orders';
import { useClient } from '../../client/client-context';
import { fieldsFor } from '../ticket/ticket-form';
import { modifyOrder, modifyPatch, type ModifyDraft } from './order-actions';

interface ModifyEditorProps {
  order: Order;
  initial: ModifyDraft;
  colSpan: number;
  onDone(): void;
}

/** Inline quantity / price / trigger editor under an open order; sends only what changed. */
export function ModifyEditor({ order, initial, colSpan, onDone }: ModifyEditorProps) {
  const client = useClient();
  const [draft, setDraft] = useState<ModifyDraft>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldsFor(order.orderType);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const built = modifyPatch(order, draft);
    if (!built.ok) {
      setError(built.error);
      return;
    }
    setBusy(true);
    const failure = await modifyOrder(client, order.orderId, built.patch);
    setBusy(false);
    if (failure) setError(failure);
    else onDone();
  };

  const input = (field: keyof ModifyDraft, label: string, enabled: boolean) => (
    <label className="mod-field">
      {label}
      <input
        className="tk-input"
        inputMode={field === 'quantity' ? 'numeric' : 'decimal'}
        data-testid={`order-modify-${field}`}
        disabled={!enabled}
        value={enabled ? draft[field] : ''}
        onChange={(event) => {
          setDraft((d) => ({ ...d, [field]: event.target.value }));
          setError(null);
        }}
      />
    </label>
  );

  return (
    <tr className="orders-modify" data-testid="order-modify-row">
      <td colSpan={colSpan}>
        <form className="mod-form" onSubmit={(event) => void save(event)} onKeyDown={(event) => event.key === 'Escape' && (event.stopPropagation(), onDone())}>
          {input('quantity', 'Qty (units)', true)}
          {input('price', 'Price ₹', fields.price)}
          {input('trigger', 'Trigger ₹', fields.trigger)}
          <button type="submit" className="mini" data-testid="order-modify-save" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="mini" onClick={onDone}>
            Close
          </button>
          {error ? (
            <span className="mod-error" role="alert" data-testid="order-modify-error">
              {error}
            </span>
          ) : null}
        </form>
      </td>
    </tr>
  );
}
