// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src-shared/contract/errors';
import type { PlaceResult } from '../../../../src-shared/contract/domains/orders';
import type { Instrument } from '../../../../src-shared/domain/instrument';
import { ClientProvider } from '../../client/client-context';
import { useChartStore } from '../../stores/chart-store';
import { useTicketStore } from '../../stores/ticket-store';
import { useWatchlistStore } from '../../stores/watchlist-store';
import { equity, fakeClient, niftyFuture, preview, type FakeClient, type Handlers } from '../orders/test-fakes';
import { TicketHost } from './TicketHost';

const RELIANCE = equity();
const NIFTY_FUT = niftyFuture();
const ORDER_ID = '00000000-0000-4000-8000-000000000009';

function placed(clientOrderId: string, overrides: Partial<PlaceResult> = {}): PlaceResult {
  return { orderId: ORDER_ID, clientOrderId, status: 'OPEN', message: null, duplicate: false, ...overrides };
}

let client: FakeClient;

function setup(handlers: Handlers, selected: Instrument = RELIANCE) {
  useWatchlistStore.setState({ items: [{ token: selected.token, position: 0, addedAt: 0, instrument: selected }], error: null });
  useChartStore.setState({ token: selected.token, picked: true });
  client = fakeClient({ 'orders.preview': () => preview(), ...handlers });
  render(
    <ClientProvider client={client}>
      <TicketHost />
    </ClientProvider>,
  );
}

const press = (key: string) => act(() => void fireEvent.keyDown(window, { key }));
const ticket = () => screen.getByTestId('ticket');
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

beforeEach(() => useTicketStore.setState({ open: false, side: 'BUY', session: 0 }));
afterEach(cleanup);

describe('order ticket', () => {
  it('opens on F1 as BUY with the selected instrument, switches to SELL on F2 and closes on Esc', () => {
    setup({});
    expect(screen.queryByTestId('ticket')).toBeNull();
    press('F1');
    expect(ticket().dataset.side).toBe('BUY');
    expect(ticket().className).toContain('ticket-buy');
    expect(screen.getByTestId('ticket-symbol').textContent).toBe('RELIANCE');
    // Cash: CNC and MIS only.
    expect(screen.getByTestId('ticket-product-CNC')).toBeTruthy();
    expect(screen.queryByTestId('ticket-product-NRML')).toBeNull();
    type('ticket-qty', '7');
    press('F2');
    expect(ticket().dataset.side).toBe('SELL');
    expect(ticket().className).toContain('ticket-sell');
    expect((screen.getByTestId('ticket-qty') as HTMLInputElement).value).toBe('7');
    press('Escape');
    expect(screen.queryByTestId('ticket')).toBeNull();
  });

  it('takes F&O quantity in lots, shows the units and sends units and paise', async () => {
    const sent: unknown[] = [];
    setup({ 'orders.place': (args) => (sent.push(args), placed(args.clientOrderId)) }, NIFTY_FUT);
    press('F2');
    expect(screen.getByTestId('ticket-product-NRML').getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByTestId('ticket-product-CNC')).toBeNull();
    type('ticket-qty', '3');
    expect(screen.getByTestId('ticket-units').textContent).toContain('= 195 units');
    fireEvent.click(screen.getByTestId('ticket-type-L'));
    type('ticket-price', '26000.1');
    fireEvent.submit(screen.getByTestId('ticket-qty'));
    await waitFor(() => expect(screen.queryByTestId('ticket')).toBeNull());
    expect(sent).toEqual([
      expect.objectContaining({ token: NIFTY_FUT.token, side: 'SELL', orderType: 'L', product: 'NRML', quantity: 195, price: 2_600_010, triggerPrice: null }),
    ]);
    expect((sent[0] as { clientOrderId: string }).clientOrderId).toMatch(/^tk-[0-9a-f-]{36}$/);
  });

  it('shows value, charges and slices from the preview, and its refusal before submitting', async () => {
    setup({
      'orders.preview': () =>
        preview({ ok: false, slices: 2, maxSliceQuantity: 1755, risk: { ok: false, code: 'KILL_SWITCH', reason: 'The kill switch is engaged.' } }),
    });
    press('F1');
    await waitFor(() => expect(screen.getByTestId('ticket-value').textContent).toBe('₹25,000.00'));
    expect(screen.getByTestId('ticket-charges').textContent).toBe('₹29.69');
    expect(screen.getByTestId('ticket-slices').textContent).toContain('2 orders of up to 1,755');
    expect(screen.getByTestId('ticket-warning').textContent).toBe('The kill switch is engaged.');
    expect(client.callsOf('orders.preview')[0]).toMatchObject({ token: RELIANCE.token, quantity: 1, marketProtection: 200 });
  });

  it('explains a rejection in place and keeps the ticket open', async () => {
    const reason = 'Price ₹2,500.03 is not a multiple of the tick size ₹0.05.';
    setup({ 'orders.place': (args) => placed(args.clientOrderId, { status: 'REJECTED', message: reason }) });
    press('F1');
    fireEvent.click(screen.getByTestId('ticket-type-L'));
    type('ticket-price', '2500.03');
    fireEvent.click(screen.getByTestId('ticket-submit'));
    const error = await screen.findByTestId('ticket-error');
    expect(error.textContent).toBe(`Rejected: ${reason}`);
    expect(error.getAttribute('role')).toBe('alert');
    expect(ticket()).toBeTruthy();
  });

  it('retries a submit that got no answer with the same client order id', async () => {
    const ids: string[] = [];
    setup({
      'orders.place': (args) => {
        ids.push(args.clientOrderId);
        if (ids.length === 1) throw new ContractError('UNAVAILABLE', 'Connection lost');
        return placed(args.clientOrderId);
      },
    });
    press('F1');
    fireEvent.click(screen.getByTestId('ticket-submit'));
    expect((await screen.findByTestId('ticket-error')).textContent).toContain('Connection lost');
    expect(screen.getByTestId('ticket-submit').textContent).toBe('Retry buy');
    fireEvent.click(screen.getByTestId('ticket-submit'));
    await waitFor(() => expect(screen.queryByTestId('ticket')).toBeNull());
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
  });

  it('sends an iceberg of L legs and an AMO; the legs box shows only for L/SL and says what each leg carries', async () => {
    const sent: unknown[] = [];
    setup({ 'orders.place': (args) => (sent.push(args), placed(args.clientOrderId)) }, NIFTY_FUT);
    press('F1');
    // MKT by default: no legs box.
    expect(screen.queryByTestId('ticket-iceberg-legs')).toBeNull();
    fireEvent.click(screen.getByTestId('ticket-type-L'));
    type('ticket-price', '26000');
    type('ticket-qty', '6');
    type('ticket-iceberg-legs', '3');
    expect(screen.getByTestId('ticket-iceberg-leg').textContent).toBe('= 3 legs of 130 units (2 lots)');
    fireEvent.click(screen.getByTestId('ticket-submit'));
    await waitFor(() => expect(screen.queryByTestId('ticket')).toBeNull());

    press('F1');
    fireEvent.click(screen.getByTestId('ticket-amo'));
    fireEvent.click(screen.getByTestId('ticket-submit'));
    await waitFor(() => expect(screen.queryByTestId('ticket')).toBeNull());
    expect(sent).toEqual([
      expect.objectContaining({ orderType: 'L', quantity: 390, price: 2_600_000, icebergLegs: 3, amo: false }),
      expect.objectContaining({ orderType: 'MKT', quantity: 65, icebergLegs: null, amo: true }),
    ]);
  });

  it('holds back an iceberg the rules refuse, with the core\'s sentence', () => {
    setup({}, NIFTY_FUT);
    press('F1');
    fireEvent.click(screen.getByTestId('ticket-type-L'));
    type('ticket-price', '26000');
    type('ticket-qty', '5');
    type('ticket-iceberg-legs', '2');
    expect(screen.getByTestId('ticket-hint').textContent).toContain('do not split into 2 equal legs of whole lots');
    expect((screen.getByTestId('ticket-submit') as HTMLButtonElement).disabled).toBe(true);
    type('ticket-qty', '4');
    fireEvent.click(screen.getByTestId('ticket-amo'));
    expect(screen.getByTestId('ticket-hint').textContent).toContain('either after-market (AMO) or an iceberg');
    fireEvent.click(screen.getByTestId('ticket-amo'));
    expect(screen.queryByTestId('ticket-hint')).toBeNull();
    expect((screen.getByTestId('ticket-submit') as HTMLButtonElement).disabled).toBe(false);
  });

  it('cannot submit until the form is complete', () => {
    setup({});
    press('F1');
    fireEvent.click(screen.getByTestId('ticket-type-L'));
    type('ticket-price', '');
    expect((screen.getByTestId('ticket-submit') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('ticket-hint').textContent).toBe('Enter a price.');
  });

  it('finds an instrument by search when none was selected', async () => {
    useWatchlistStore.setState({ items: [], error: null });
    useChartStore.setState({ token: null, picked: false });
    client = fakeClient({ 'orders.preview': () => preview(), 'market.search': () => [NIFTY_FUT] });
    render(
      <ClientProvider client={client}>
        <TicketHost />
      </ClientProvider>,
    );
    press('F1');
    expect(screen.getByTestId('ticket-symbol').textContent).toBe('No instrument chosen');
    type('ticket-search', 'nifty');
    fireEvent.click(await screen.findByTestId('ticket-result'));
    expect(screen.getByTestId('ticket-symbol').textContent).toBe('NIFTY26DECFUT');
    expect(screen.getByTestId('ticket-units').textContent).toContain('= 65 units');
    // The next thing to type is the quantity.
    expect(document.activeElement).toBe(screen.getByTestId('ticket-qty'));
  });

  it('clears a search on the first Esc and closes on the second', () => {
    setup({});
    press('F1');
    const search = screen.getByTestId('ticket-search') as HTMLInputElement;
    type('ticket-search', 'inf');
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(search.value).toBe('');
    expect(screen.getByTestId('ticket')).toBeTruthy();
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(screen.queryByTestId('ticket')).toBeNull();
  });
});
