import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export type OrderTab = 'open' | 'done' | 'trades';

/** "₹1,23,456.05" / "1,23,456.05" / "-₹12.00" → paise (exact: digits only, no float). */
export function paiseFromText(text: string): number {
  const match = /(-?)₹?([\d,]+)\.(\d{2})/.exec(text);
  if (!match) throw new Error(`no amount in "${text}"`);
  const [, sign = '', whole = '0', fraction = '00'] = match;
  const paise = Number(whole.replace(/,/g, '')) * 100 + Number(fraction);
  return sign === '-' ? -paise : paise;
}

/** Paise → what a trader types in the price box ("1234.50"). */
export function rupeesText(paise: number): string {
  return `${Math.trunc(paise / 100)}.${String(paise % 100).padStart(2, '0')}`;
}

/** Paise → what the tables show ("1,23,456.50": Indian grouping, no symbol). */
export function tableRupees(paise: number): string {
  const whole = String(Math.trunc(paise / 100));
  const last3 = whole.slice(-3);
  const rest = whole.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `${rest ? `${rest},${last3}` : last3}.${String(paise % 100).padStart(2, '0')}`;
}

/**
 * The order side of the terminal as a trader uses it: the ticket (F1/F2),
 * the orders pane with its tabs and timeline, positions, the kill switch and toasts.
 */
export class OrdersPanel {
  readonly ticket: Locator;
  readonly ticketError: Locator;
  readonly ticketWarning: Locator;
  readonly ticketSubmit: Locator;
  readonly ordersPane: Locator;
  readonly positionsPane: Locator;
  readonly timeline: Locator;
  readonly killSwitch: Locator;
  readonly killSwitchState: Locator;
  readonly toasts: Locator;

  constructor(readonly page: Page) {
    this.ticket = page.getByTestId('ticket');
    this.ticketError = page.getByTestId('ticket-error');
    this.ticketWarning = page.getByTestId('ticket-warning');
    this.ticketSubmit = page.getByTestId('ticket-submit');
    this.ordersPane = page.getByTestId('pane-orders');
    this.positionsPane = page.getByTestId('pane-positions');
    this.timeline = page.getByTestId('order-timeline');
    this.killSwitch = page.getByTestId('kill-switch');
    this.killSwitchState = page.getByTestId('kill-switch-state');
    this.toasts = page.getByTestId('toast');
  }

  /** F1 (BUY) or F2 (SELL) from the page, as a trader would. */
  async openTicket(side: 'BUY' | 'SELL'): Promise<void> {
    await this.page.keyboard.press(side === 'BUY' ? 'F1' : 'F2');
    await expect(this.ticket).toBeVisible();
    await expect(this.ticket).toHaveAttribute('data-side', side);
  }

  async chooseInstrument(symbol: string): Promise<void> {
    await this.ticket.getByTestId('ticket-search').fill(symbol);
    await this.ticket.locator(`[data-testid="ticket-result"][data-symbol="${symbol}"]`).click();
    await expect(this.ticket.getByTestId('ticket-symbol')).toHaveText(symbol);
  }

  async setOrderType(type: 'MKT' | 'L' | 'SL' | 'SL-M'): Promise<void> {
    await this.ticket.getByTestId(`ticket-type-${type}`).click();
  }

  async fill(field: 'qty' | 'price' | 'trigger', value: string): Promise<void> {
    await this.ticket.getByTestId(`ticket-${field}`).fill(value);
  }

  /** Ticks the ticket's AMO box (an after-market order). */
  async checkAmo(): Promise<void> {
    await this.ticket.getByTestId('ticket-amo').check();
  }

  /** Types the iceberg leg count (the box exists for L and SL only). */
  async setIcebergLegs(legs: number): Promise<void> {
    await this.ticket.getByTestId('ticket-iceberg-legs').fill(String(legs));
  }

  /** The live LTP the ticket shows, in paise (waits for the first quote). */
  async ticketLtp(): Promise<number> {
    const ltp = this.ticket.getByTestId('ticket-ltp');
    await expect(ltp).toBeVisible();
    return paiseFromText((await ltp.locator('b').textContent()) ?? '');
  }

  /** Enter in the quantity box: the keyboard path a trader takes. */
  async submitWithEnter(): Promise<void> {
    await this.ticket.getByTestId('ticket-qty').press('Enter');
  }

  async showTab(tab: OrderTab): Promise<void> {
    await this.ordersPane.getByTestId(`orders-tab-${tab}`).click();
    await expect(this.ordersPane.getByTestId(`orders-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
  }

  orderRow(orderId: string): Locator {
    return this.ordersPane.locator(`[data-testid="orders-row"][data-order-id="${orderId}"]`);
  }

  orderRowsFor(symbol: string): Locator {
    return this.ordersPane.locator(`[data-testid="orders-row"][data-symbol="${symbol}"]`);
  }

  /** Trade book rows of a symbol (the Trades tab must be showing). */
  tradeRowsFor(symbol: string): Locator {
    return this.ordersPane.locator(`[data-testid="trades-row"][data-symbol="${symbol}"]`);
  }

  positionRow(symbol: string, product: string): Locator {
    return this.positionsPane.locator(`[data-testid="positions-row"][data-symbol="${symbol}"][data-product="${product}"]`);
  }

  toast(level: 'info' | 'success' | 'warning' | 'error', text: string | RegExp): Locator {
    return this.page.locator(`[data-testid="toast"][data-level="${level}"]`).filter({ hasText: text });
  }

  /** Engages (or resets) the kill switch through its confirmation. */
  async setKillSwitch(engage: boolean, reason?: string): Promise<void> {
    await this.page.getByTestId('kill-switch-toggle').click();
    const dialog = this.page.getByTestId('kill-switch-dialog');
    await expect(dialog).toBeVisible();
    if (reason) await dialog.getByTestId('kill-switch-reason').fill(reason);
    await dialog.getByTestId('kill-switch-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(this.killSwitchState).toHaveText(engage ? 'ENGAGED' : 'OFF');
  }
}
