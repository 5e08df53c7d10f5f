import { expect, test } from './fixtures/tickdesk-server';
import { OrdersPanel, paiseFromText, rupeesText, tableRupees } from './pages/orders-panel';
import { TerminalPage } from './pages/terminal-page';

/**
 * The order side against the real app in browser mode: the paper broker fills
 * against the simulated feed (which runs outside NSE hours too, labelled
 * SIMULATED), through the real ledger in the embedded PostgreSQL. Each test
 * trades its own symbol, so they do not read each other's orders; the
 * worker's one server is shared with other specs, so the kill switch is
 * always reset before a test ends.
 */
test.describe.configure({ mode: 'serial' });

let panel: OrdersPanel;

test.beforeEach(async ({ page, tickdesk }) => {
  const terminal = new TerminalPage(page);
  await terminal.open(tickdesk.url);
  await terminal.expectDbReady();
  panel = new OrdersPanel(page);
  // The kill switch (and so the order system) is known once risk.get answered.
  await expect(panel.killSwitchState).toHaveText(/OFF|ENGAGED/, { timeout: 30_000 });
});

test('a market BUY from F1 fills: a toast, FILLED in Done, and a position with live P&L', async () => {
  await panel.openTicket('BUY');
  await panel.chooseInstrument('SBIN');
  await expect(panel.ticket.getByTestId('ticket-product-CNC')).toHaveAttribute('aria-pressed', 'true');
  await panel.fill('qty', '5');
  // The preview prices the order before it is sent.
  await expect(panel.ticket.getByTestId('ticket-value')).toHaveText(/^₹[\d,]+\.\d{2}$/);
  await expect(panel.ticket.getByTestId('ticket-charges')).toHaveText(/^₹[\d,]+\.\d{2}$/);
  await panel.submitWithEnter();
  await expect(panel.ticket).toBeHidden();

  // One toast per fill: when the quote's depth is short the paper broker fills
  // the market order in parts (say 3 then 2), each with its own toast.
  const toast = panel.toast('success', /^Bought [1-5] SBIN/).first();
  await expect(toast).toBeVisible({ timeout: 20_000 });
  await expect(toast).toHaveAttribute('role', 'status');
  const orderId = await toast.getAttribute('data-order-id');
  expect(orderId).toMatch(/^[0-9a-f-]{36}$/);

  await panel.showTab('done');
  const row = panel.orderRow(orderId ?? '');
  await expect(row).toHaveAttribute('data-status', 'FILLED');
  await expect(row.getByTestId('orders-qty')).toHaveText('5/5');

  // The row's timeline is the ledger: the request sent and the response received, as JSON.
  await row.click();
  await expect(panel.timeline.getByTestId('order-event').first()).toBeVisible();
  expect(await panel.timeline.getByTestId('order-event').count()).toBeGreaterThanOrEqual(2);
  await expect(panel.timeline.locator('pre').first()).toContainText('{');

  await panel.showTab('trades');
  await expect(panel.ordersPane.locator('[data-testid="trades-row"][data-symbol="SBIN"]').first()).toBeVisible();

  const position = panel.positionRow('SBIN', 'CNC');
  await expect(position.getByTestId('positions-qty')).toHaveText('5');
  await expect(position.getByTestId('positions-unrealised')).toHaveClass(/pnl-(up|down|flat)/);
  // Live: the LTP the position is marked to moves with the feed.
  const firstLtp = (await position.getByTestId('positions-ltp').textContent()) ?? '';
  await expect.poll(async () => position.getByTestId('positions-ltp').textContent(), { timeout: 30_000 }).not.toBe(firstLtp);
  const ltp = paiseFromText((await position.getByTestId('positions-ltp').textContent()) ?? '');
  expect(ltp).toBeGreaterThan(0);
});

test('F&O quantity is entered in lots: a SELL of 1 NIFTY future lot is 65 units', async () => {
  await panel.openTicket('SELL');
  await panel.ticket.getByTestId('ticket-search').fill('NIFTY');
  const future = panel.ticket.locator('[data-testid="ticket-result"][data-symbol^="NIFTY"][data-symbol$="FUT"]').first();
  const symbol = (await future.getAttribute('data-symbol')) ?? '';
  await future.click();
  await expect(panel.ticket.getByTestId('ticket-symbol')).toHaveText(symbol);
  await expect(panel.ticket.getByTestId('ticket-product-NRML')).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.ticket.getByTestId('ticket-product-CNC')).toHaveCount(0);
  await panel.fill('qty', '1');
  await expect(panel.ticket.getByTestId('ticket-units')).toContainText('= 65 units');
  await panel.submitWithEnter();
  await expect(panel.toast('success', `Sold 65 ${symbol}`)).toBeVisible({ timeout: 20_000 });
  await expect(panel.positionRow(symbol, 'NRML').getByTestId('positions-qty')).toHaveText('-65');
});

test('a limit BUY far below the market stays open, can be modified, and is cancelled', async () => {
  await panel.openTicket('BUY');
  await panel.chooseInstrument('ITC');
  const ltp = await panel.ticketLtp();
  // Half the market, on the 5-paise grid: no simulated walk gets there in a test's time.
  const far = Math.floor(ltp / 2 / 5) * 5;
  await panel.setOrderType('L');
  await panel.fill('qty', '3');
  await panel.fill('price', rupeesText(far));
  await expect(panel.ticketWarning).toHaveCount(0);
  await panel.submitWithEnter();
  await expect(panel.ticket).toBeHidden();

  await panel.showTab('open');
  const row = panel.orderRowsFor('ITC').first();
  await expect(row).toHaveAttribute('data-status', 'OPEN', { timeout: 15_000 });
  const orderId = (await row.getAttribute('data-order-id')) ?? '';

  // Modify inline: a new price, sent in paise.
  const lower = far - 100;
  await row.getByTestId('order-modify').click();
  await panel.ordersPane.getByTestId('order-modify-price').fill(rupeesText(lower));
  await panel.ordersPane.getByTestId('order-modify-save').click();
  await expect(panel.orderRow(orderId).locator('td').nth(6)).toHaveText(tableRupees(lower), { timeout: 15_000 });

  await panel.orderRow(orderId).getByTestId('order-cancel').click();
  await expect(panel.orderRow(orderId)).toHaveCount(0, { timeout: 15_000 });
  await panel.showTab('done');
  await expect(panel.orderRow(orderId)).toHaveAttribute('data-status', 'CANCELLED');
});

test('an iceberg of 3 legs from the ticket fills leg by leg: one order, three trades', async () => {
  await panel.openTicket('BUY');
  await panel.chooseInstrument('AXISBANK');
  const ltp = await panel.ticketLtp();
  // 2 % above the market on the 5-paise grid: marketable at once, and on every later quote.
  const marketable = Math.ceil((ltp * 1.02) / 5) * 5;
  await panel.setOrderType('L');
  await panel.fill('qty', '3');
  await panel.fill('price', rupeesText(marketable));
  await panel.setIcebergLegs(3);
  await expect(panel.ticket.getByTestId('ticket-iceberg-leg')).toHaveText('= 3 legs of 1 share');
  await expect(panel.ticketWarning).toHaveCount(0);
  await panel.submitWithEnter();
  await expect(panel.ticket).toBeHidden();

  await panel.showTab('done');
  const row = panel.orderRowsFor('AXISBANK').first();
  await expect(row).toHaveAttribute('data-status', 'FILLED', { timeout: 20_000 });
  await expect(row.getByTestId('orders-variety')).toHaveText('Iceberg ×3');
  await expect(row.getByTestId('orders-qty')).toHaveText('3/3');
  // Not sliced: one order, no children to expand.
  await expect(panel.orderRowsFor('AXISBANK')).toHaveCount(1);
  await expect(row.getByTestId('order-expand')).toHaveCount(0);

  // Each leg is a separate execution of one share.
  await panel.showTab('trades');
  const trades = panel.tradeRowsFor('AXISBANK');
  await expect(trades).toHaveCount(3);
  for (const trade of await trades.all()) await expect(trade.locator('td').nth(3)).toHaveText('1');
});

test('an AMO from the ticket is marked AMO in the blotter and can be cancelled', async () => {
  await panel.openTicket('BUY');
  await panel.chooseInstrument('BAJFINANCE');
  const ltp = await panel.ticketLtp();
  const far = Math.floor(ltp / 2 / 5) * 5;
  await panel.setOrderType('L');
  await panel.fill('qty', '2');
  await panel.fill('price', rupeesText(far));
  await panel.checkAmo();
  await panel.submitWithEnter();
  await expect(panel.ticket).toBeHidden();

  await panel.showTab('open');
  const row = panel.orderRowsFor('BAJFINANCE').first();
  await expect(row).toHaveAttribute('data-status', 'OPEN', { timeout: 15_000 });
  await expect(row.getByTestId('orders-variety')).toHaveText('AMO');
  const orderId = (await row.getAttribute('data-order-id')) ?? '';
  await row.getByTestId('order-cancel').click();
  await panel.showTab('done');
  await expect(panel.orderRow(orderId)).toHaveAttribute('data-status', 'CANCELLED', { timeout: 15_000 });
  await expect(panel.orderRow(orderId).getByTestId('orders-variety')).toHaveText('AMO');
});

test('a price off the tick grid is refused, and the ticket says why', async () => {
  await panel.openTicket('BUY');
  await panel.chooseInstrument('INFY');
  const ltp = await panel.ticketLtp();
  await panel.setOrderType('L');
  await panel.fill('qty', '1');
  // Three paise past a 5-paise tick.
  await panel.fill('price', rupeesText(Math.floor(ltp / 2 / 5) * 5 + 3));
  await expect(panel.ticketWarning).toContainText('tick size');
  await panel.submitWithEnter();
  await expect(panel.ticketError).toContainText('Rejected:');
  await expect(panel.ticketError).toContainText('tick size');
  await expect(panel.ticket).toBeVisible();
  await expect(panel.toast('error', 'Order rejected: BUY 1 INFY')).toHaveAttribute('role', 'alert');

  await panel.page.keyboard.press('Escape');
  await expect(panel.ticket).toBeHidden();
  await panel.showTab('done');
  const row = panel.orderRowsFor('INFY').first();
  await expect(row).toHaveAttribute('data-status', 'REJECTED');
  await expect(row.getByTestId('orders-message')).toContainText('tick size');
});

test('a re-submit after the link dropped mid-order reuses the client order id: one order, not two', async ({ page, tickdesk }) => {
  const placeIds: string[] = [];
  let dropped = false;
  // The first orders.place reaches the core, but the link dies before its answer comes back.
  await page.routeWebSocket((url) => url.pathname === '/ws', (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { method?: string; args?: { clientOrderId?: string } };
      server.send(message);
      if (frame.method !== 'orders.place') return;
      placeIds.push(frame.args?.clientOrderId ?? '');
      if (!dropped) {
        dropped = true;
        void ws.close();
        void server.close();
      }
    });
    server.onMessage((message) => ws.send(message));
  });
  const terminal = new TerminalPage(page);
  await terminal.open(tickdesk.url);
  await expect(panel.killSwitchState).toHaveText('OFF', { timeout: 30_000 });

  await panel.openTicket('BUY');
  await panel.chooseInstrument('WIPRO');
  await panel.fill('qty', '2');
  await panel.submitWithEnter();
  await expect(panel.ticketError).toHaveAttribute('data-kind', 'failed');
  await expect(panel.ticketError).toContainText('cannot be placed twice');
  await expect(terminal.connectionState).toHaveText('open', { timeout: 30_000 });
  await expect(panel.ticketSubmit).toHaveText('Retry buy');
  await panel.ticketSubmit.click();
  await expect(panel.ticket).toBeHidden();

  expect(placeIds).toHaveLength(2);
  expect(placeIds[1]).toBe(placeIds[0]);
  await panel.showTab('done');
  await expect(panel.orderRowsFor('WIPRO').first()).toHaveAttribute('data-status', 'FILLED', { timeout: 20_000 });
  await expect(panel.orderRowsFor('WIPRO')).toHaveCount(1);
  await expect(panel.positionRow('WIPRO', 'CNC').getByTestId('positions-qty')).toHaveText('2');
});

test('the engaged kill switch blocks a new order until it is reset', async () => {
  try {
    await panel.setKillSwitch(true, 'e2e: blocking test');
    await expect(panel.killSwitch).toHaveAttribute('data-engaged', 'true');

    await panel.openTicket('BUY');
    await panel.chooseInstrument('TCS');
    await panel.fill('qty', '1');
    await expect(panel.ticketWarning).toContainText(/kill switch/i);
    await panel.submitWithEnter();
    await expect(panel.ticketError).toContainText(/kill switch/i);
    await panel.page.keyboard.press('Escape');
    await panel.showTab('done');
    await expect(panel.orderRowsFor('TCS').first()).toHaveAttribute('data-status', 'REJECTED');
  } finally {
    if ((await panel.killSwitchState.textContent()) === 'ENGAGED') await panel.setKillSwitch(false);
  }
  await expect(panel.killSwitch).toHaveAttribute('data-engaged', 'false');
});
