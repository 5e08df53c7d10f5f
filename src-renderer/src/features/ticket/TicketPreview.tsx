import type { ChargeBreakdownWire, OrderPreview } from '../../../../src-shared/contract/domains/orders';
import { formatInr } from '../../format/money';
import { formatQuantity } from '../../format/quantity';

const CHARGE_LINES: ReadonlyArray<[keyof ChargeBreakdownWire, string]> = [
  ['brokerage', 'Brokerage'],
  ['stt', 'STT/CTT'],
  ['exchangeTxn', 'Exchange txn'],
  ['sebiFee', 'SEBI fee'],
  ['gst', 'GST'],
  ['stampDuty', 'Stamp duty'],
];

/** The verdict a refused preview gives, validation first (risk is not asked about an invalid order). */
export function previewRefusal(preview: OrderPreview): string | null {
  if (!preview.validation.ok) return preview.validation.reason;
  if (preview.risk && !preview.risk.ok) return preview.risk.reason;
  return null;
}

/** Value, charges and slicing of the order as the core would take it now. */
export function TicketPreview({ preview, error }: { preview: OrderPreview | null; error: string | null }) {
  if (error) {
    return (
      <p className="tk-msg tk-msg-warn" data-testid="ticket-preview-error">
        Preview unavailable: {error}
      </p>
    );
  }
  if (!preview) return <p className="tk-msg tk-faint">Preview…</p>;
  const { charges } = preview;
  return (
    <div className="tk-preview" data-testid="ticket-preview">
      <dl className="tk-kv">
        <dt>Value</dt>
        <dd data-testid="ticket-value">{preview.value === null ? '—' : formatInr(preview.value)}</dd>
        <dt>At</dt>
        <dd>{preview.referencePrice === null ? 'no quote yet' : formatInr(preview.referencePrice)}</dd>
        <dt>Charges</dt>
        <dd data-testid="ticket-charges">{charges ? formatInr(charges.total) : '—'}</dd>
        {preview.slices > 1 ? (
          <>
            <dt>Slices</dt>
            <dd data-testid="ticket-slices">
              {formatQuantity(preview.slices)} orders{preview.maxSliceQuantity !== null ? ` of up to ${formatQuantity(preview.maxSliceQuantity)}` : ''} (above the freeze
              quantity)
            </dd>
          </>
        ) : null}
      </dl>
      {charges ? (
        <details className="tk-charges">
          <summary>Charges breakdown</summary>
          <dl className="tk-kv" data-testid="ticket-charges-breakdown">
            {CHARGE_LINES.map(([field, label]) => (
              <div key={field} className="tk-kv-row">
                <dt>{label}</dt>
                <dd>{formatInr(charges[field])}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </div>
  );
}
