import type { KeyboardEvent, RefObject } from 'react';
import { orderTypeSchema, validitySchema, type OrderType, type Product, type Validity } from '../../../../src-shared/orders/order-types';
import { formatInr } from '../../format/money';
import { formatQuantity } from '../../format/quantity';
import { Segmented } from './Segmented';
import { allowedProducts, fieldsFor, isDerivative, lotsToUnits, parseCount, quantityUnit, stepPrice, type TicketForm } from './ticket-form';

/** "= 3 legs of 2 shares" / "= 3 legs of 130 units (2 lots)": what each exchange order will carry. */
function legsNote(form: TicketForm, units: number | null): string | null {
  const legs = parseCount(form.icebergLegs, 'Legs');
  if (!legs.ok || units === null || units % legs.value !== 0) return null;
  const leg = units / legs.value;
  const { instrument } = form;
  if (isDerivative(instrument) && instrument) {
    const lots = leg / instrument.lotSize;
    return `= ${formatQuantity(legs.value)} legs of ${formatQuantity(leg)} units${Number.isInteger(lots) ? ` (${formatQuantity(lots)} lot${lots === 1 ? '' : 's'})` : ''}`;
  }
  return `= ${formatQuantity(legs.value)} legs of ${formatQuantity(leg)} share${leg === 1 ? '' : 's'}`;
}

const TYPE_TITLES: Record<OrderType, string> = {
  MKT: 'Market: at the best available price, within the market protection',
  L: 'Limit: at the price or better',
  SL: 'Stop-loss limit: a limit order placed once the trigger is reached',
  'SL-M': 'Stop-loss market: a market order placed once the trigger is reached',
};
const PRODUCT_TITLES: Record<Product, string> = {
  MIS: 'Intraday: squared off before the close',
  CNC: 'Cash delivery',
  NRML: 'F&O carried overnight',
};

interface TicketFieldsProps {
  form: TicketForm;
  update(patch: Partial<TicketForm>): void;
  /** Seeds an empty limit/trigger box from the live price when the order type starts needing it. */
  onOrderType(orderType: OrderType): void;
  /** The quantity box, focused when an instrument is chosen (the next thing a trader types). */
  quantityRef: RefObject<HTMLInputElement | null>;
}

/** Product, type, validity, quantity, price, trigger, market protection, AMO and iceberg legs. */
export function TicketFields({ form, update, onOrderType, quantityRef }: TicketFieldsProps) {
  const { instrument } = form;
  const fields = fieldsFor(form.orderType);
  const unit = quantityUnit(instrument);
  const products = allowedProducts(instrument);
  const tick = instrument?.tickSize ?? null;
  const count = parseCount(form.quantity, 'Quantity');
  const units = count.ok ? lotsToUnits(count.value, instrument) : null;
  const legs = fields.iceberg ? legsNote(form, units) : null;

  // Arrow keys move a price by exactly one tick, in paise (no float step arithmetic).
  const stepKeys = (field: 'price' | 'trigger') => (event: KeyboardEvent<HTMLInputElement>) => {
    if (tick === null || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const next = stepPrice(form[field], tick, event.key === 'ArrowUp' ? 1 : -1);
    if (next !== null) update({ [field]: next });
  };

  return (
    <div className="tk-fields">
      {products.length > 0 ? (
        <Segmented label="Product" options={products} value={form.product} onChange={(product) => update({ product })} testId="ticket-product" titles={PRODUCT_TITLES} />
      ) : null}
      <Segmented label="Order type" options={orderTypeSchema.options} value={form.orderType} onChange={onOrderType} testId="ticket-type" titles={TYPE_TITLES} />
      <Segmented<Validity> label="Validity" options={validitySchema.options} value={form.validity} onChange={(validity) => update({ validity })} testId="ticket-validity" />

      <label className="tk-field">
        <span className="tk-label">{unit === 'lots' ? 'Lots' : 'Qty (shares)'}</span>
        <input
          className="tk-input"
          inputMode="numeric"
          data-testid="ticket-qty"
          autoComplete="off"
          ref={quantityRef}
          autoFocus={instrument !== null}
          value={form.quantity}
          onChange={(event) => update({ quantity: event.target.value })}
        />
        {isDerivative(instrument) && instrument ? (
          <span className="tk-aside" data-testid="ticket-units">
            {count.ok ? `= ${formatQuantity(lotsToUnits(count.value, instrument))} units` : '—'} ({formatQuantity(instrument.lotSize)} per lot)
          </span>
        ) : null}
      </label>

      <label className={`tk-field${fields.price ? '' : ' tk-off'}`}>
        <span className="tk-label">Price ₹</span>
        <input
          className="tk-input"
          inputMode="decimal"
          data-testid="ticket-price"
          autoComplete="off"
          disabled={!fields.price}
          placeholder={fields.price ? '' : 'market'}
          value={fields.price ? form.price : ''}
          onChange={(event) => update({ price: event.target.value })}
          onKeyDown={stepKeys('price')}
        />
        {tick !== null ? <span className="tk-aside">tick {formatInr(tick)}</span> : null}
      </label>

      <label className={`tk-field${fields.trigger ? '' : ' tk-off'}`}>
        <span className="tk-label">Trigger ₹</span>
        <input
          className="tk-input"
          inputMode="decimal"
          data-testid="ticket-trigger"
          autoComplete="off"
          disabled={!fields.trigger}
          value={fields.trigger ? form.trigger : ''}
          onChange={(event) => update({ trigger: event.target.value })}
          onKeyDown={stepKeys('trigger')}
        />
      </label>

      {fields.protection ? (
        <div className="tk-field">
          <span className="tk-label" title="SEBI 2026: market orders carry a price band; beyond it the order is not filled">
            Protection %
          </span>
          <input
            className="tk-input tk-input-short"
            inputMode="decimal"
            aria-label="Market protection in percent"
            data-testid="ticket-protection"
            autoComplete="off"
            disabled={form.protectionAuto}
            value={form.protectionAuto ? '' : form.protection}
            onChange={(event) => update({ protection: event.target.value })}
          />
          <label className="tk-check">
            <input type="checkbox" checked={form.protectionAuto} data-testid="ticket-protection-auto" onChange={(event) => update({ protectionAuto: event.target.checked })} />
            auto
          </label>
        </div>
      ) : null}

      <div className="tk-field">
        <span className="tk-label" title="After-market order: the broker queues it and sends it when the next session opens">
          After market
        </span>
        <label className="tk-check">
          <input type="checkbox" checked={form.amo} data-testid="ticket-amo" onChange={(event) => update({ amo: event.target.checked })} />
          AMO
        </label>
      </div>

      {fields.iceberg ? (
        <label className="tk-field">
          <span className="tk-label" title="Iceberg: the broker sends the order in 2–10 equal legs, one after another; each leg must fit the freeze quantity">
            Iceberg legs
          </span>
          <input
            className="tk-input tk-input-short"
            inputMode="numeric"
            data-testid="ticket-iceberg-legs"
            autoComplete="off"
            placeholder="off"
            value={form.icebergLegs}
            onChange={(event) => update({ icebergLegs: event.target.value })}
          />
          {legs ? (
            <span className="tk-aside" data-testid="ticket-iceberg-leg">
              {legs}
            </span>
          ) : null}
        </label>
      ) : null}
    </div>
  );
}
