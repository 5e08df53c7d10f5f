import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Instrument } from '../../../../src-shared/domain/instrument';
import type { OrderType, Side } from '../../../../src-shared/orders/order-types';
import { useClient } from '../../client/client-context';
import { formatInr } from '../../format/money';
import { useQuote } from '../../stores/quotes-store';
import { closeTicket, setTicketSide, type TicketPrefill } from '../../stores/ticket-store';
import type { Attempt } from './client-order-id';
import { submitOrder } from './submit-order';
import { buildIntent, emptyForm, fieldsFor, fitProduct, paiseToInput, snapToTick, unitsToEntry, type TicketForm } from './ticket-form';
import { TicketFields } from './TicketFields';
import { TicketPreview, previewRefusal } from './TicketPreview';
import { InstrumentPicker } from './InstrumentPicker';
import { usePreview } from './use-preview';

interface TicketDialogProps {
  side: Side;
  prefill: TicketPrefill;
  /** The prefill token's instrument, when the caller already knows it. */
  initialInstrument: Instrument | null;
}

type Outcome = { kind: 'rejected' | 'failed'; message: string } | null;

function initialForm(side: Side, instrument: Instrument | null, prefill: TicketPrefill): TicketForm {
  const form = emptyForm(side, instrument);
  const product = prefill.product ? fitProduct(prefill.product, instrument) : form.product;
  const quantity = prefill.quantity !== null && prefill.quantity > 0 ? String(Math.max(1, unitsToEntry(prefill.quantity, instrument))) : form.quantity;
  return { ...form, product, quantity };
}

/** One order ticket (a fresh one per opening); closes itself once the core accepts the order. */
export function TicketDialog({ side, prefill, initialInstrument }: TicketDialogProps) {
  const client = useClient();
  const [form, setForm] = useState<TicketForm>(() => initialForm(side, initialInstrument, prefill));
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const quote = useQuote(form.instrument?.token ?? 0);
  const quantityRef = useRef<HTMLInputElement>(null);

  // A prefill the caller could not resolve (not on the watchlist): look its token up once.
  useEffect(() => {
    if (initialInstrument || prefill.token === null || !prefill.symbol) return;
    let current = true;
    client.call('market.search', { query: prefill.symbol.slice(0, 64), limit: 20 }).then(
      (found) => {
        const match = found.find((item) => item.token === prefill.token);
        if (current && match) setForm((f) => (f.instrument ? f : initialForm(f.side, match, prefill)));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, initialInstrument, prefill]);

  const current: TicketForm = { ...form, side };
  const built = buildIntent(current);
  const intent = built.ok ? built.intent : null;
  const { preview, error: previewError } = usePreview(intent);
  const refusal = preview ? previewRefusal(preview) : null;

  const update = (patch: Partial<TicketForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setOutcome(null);
  };
  const pickInstrument = (instrument: Instrument) => {
    update({ instrument, product: fitProduct(form.product, instrument), price: '', trigger: '' });
    quantityRef.current?.focus();
    quantityRef.current?.select();
  };
  const onOrderType = (orderType: OrderType) => {
    const needs = fieldsFor(orderType);
    const seed = form.instrument && quote ? paiseToInput(snapToTick(quote.ltp, form.instrument.tickSize)) : '';
    update({
      orderType,
      price: needs.price && form.price === '' ? seed : form.price,
      trigger: needs.trigger && form.trigger === '' ? seed : form.trigger,
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!intent || submitting) return;
    setSubmitting(true);
    setOutcome(null);
    const result = await submitOrder(client, intent, attempt);
    setSubmitting(false);
    setAttempt(result.attempt);
    if (result.kind === 'placed') closeTicket();
    else setOutcome({ kind: result.kind, message: result.message });
  };

  const sideWord = side === 'BUY' ? 'Buy' : 'Sell';
  const symbol = form.instrument?.tradingsymbol ?? '';
  return (
    <div className={`ticket ticket-${side.toLowerCase()}`} role="dialog" aria-label={`${sideWord} order ticket`} data-testid="ticket" data-side={side}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <header className="tk-head">
          <div className="tk-sides" role="group" aria-label="Side">
            {(['BUY', 'SELL'] as const).map((option) => (
              <button
                key={option}
                type="button"
                className={`tk-side tk-side-${option.toLowerCase()}${option === side ? ' active' : ''}`}
                aria-pressed={option === side}
                data-testid={`ticket-side-${option.toLowerCase()}`}
                onClick={() => setTicketSide(option)}
              >
                {option}
              </button>
            ))}
          </div>
          <span className="tk-title">{symbol ? `${sideWord} ${symbol}` : `${sideWord} order`}</span>
          <button type="button" className="tk-close" aria-label="Close the ticket (Esc)" data-testid="ticket-close" onClick={closeTicket}>
            ×
          </button>
        </header>

        <InstrumentPicker instrument={form.instrument} onPick={pickInstrument} autoFocus={form.instrument === null} />
        {quote && form.instrument ? (
          <p className="tk-live" data-testid="ticket-ltp">
            LTP <b>{formatInr(quote.ltp)}</b>
            <span>bid {quote.bid === null ? '—' : formatInr(quote.bid)}</span>
            <span>ask {quote.ask === null ? '—' : formatInr(quote.ask)}</span>
          </p>
        ) : null}

        <TicketFields form={current} update={update} onOrderType={onOrderType} quantityRef={quantityRef} />

        {!built.ok && form.instrument ? (
          <p className="tk-msg tk-faint" data-testid="ticket-hint">
            {built.error}
          </p>
        ) : null}
        {intent ? <TicketPreview preview={preview} error={previewError} /> : null}
        {refusal && !outcome ? (
          <p className="tk-msg tk-msg-warn" role="status" data-testid="ticket-warning">
            {refusal}
          </p>
        ) : null}
        {outcome ? (
          <p className="tk-msg tk-msg-error" role="alert" data-testid="ticket-error" data-kind={outcome.kind}>
            {outcome.kind === 'rejected' ? `Rejected: ${outcome.message}` : outcome.message}
          </p>
        ) : null}

        <footer className="tk-foot">
          <span className="tk-keys">Enter to submit · Esc to close · F1/F2 switch side</span>
          <button type="submit" className={`tk-submit tk-submit-${side.toLowerCase()}`} data-testid="ticket-submit" disabled={!intent || submitting}>
            {submitting ? 'Sending…' : outcome?.kind === 'failed' ? `Retry ${sideWord.toLowerCase()}` : sideWord}
          </button>
        </footer>
      </form>
    </div>
  );
}
