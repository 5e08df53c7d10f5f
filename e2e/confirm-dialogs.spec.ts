import { expect, test } from './fixtures/tickdesk-server';
import { TerminalPage } from './pages/terminal-page';

/**
 * The app's one confirmation dialog in a real browser, where Tab, Enter and
 * focus are Chromium's own (jsdom only simulates them): an Enter typed out of
 * habit never confirms, Esc backs out of the confirmation alone, and focus
 * neither escapes the dialog nor gets lost when it closes. Nothing here is
 * confirmed, so the worker's shared server keeps its state.
 */
test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ page, tickdesk }) => {
  const terminal = new TerminalPage(page);
  await terminal.open(tickdesk.url);
  await terminal.expectDbReady();
});

test('the kill switch asks first: Enter on Cancel or in the reason never engages, Tab stays inside, Esc backs out', async ({ page }) => {
  const state = page.getByTestId('kill-switch-state');
  const toggle = page.getByTestId('kill-switch-toggle');
  const dialog = page.getByTestId('kill-switch-dialog');
  const reason = page.getByTestId('kill-switch-reason');
  const cancel = page.getByTestId('kill-switch-cancel');
  const confirm = page.getByTestId('kill-switch-confirm');
  await expect(state).toHaveText('OFF', { timeout: 30_000 });

  await toggle.click();
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(state).toHaveText('OFF');
  await expect(toggle).toBeFocused();

  await toggle.click();
  await reason.fill('checking the dialog');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(reason).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(confirm).toBeFocused();
  // The ticket's F1 waits behind the modal.
  await page.keyboard.press('F1');
  await expect(page.getByTestId('ticket')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(state).toHaveText('OFF');
});

test('a restore asks first, over the Backups dialog, and Esc closes the confirmation alone', async ({ page }) => {
  await page.getByTestId('backups-open').click();
  const backups = page.getByTestId('backups-dialog');
  await expect(backups).toBeVisible();
  await page.getByTestId('backup-label').fill('confirm e2e');
  await page.getByTestId('backup-create').click();
  const row = page.getByTestId('backup-row').filter({ hasText: 'confirm e2e' });
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(row).toContainText(/\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2} IST/);

  await row.getByTestId('backup-restore').click();
  const confirm = page.getByTestId('restore-confirm');
  await expect(confirm).toBeVisible();
  await expect(page.getByTestId('restore-confirm-cancel')).toBeFocused();
  await expect(page.getByTestId('restore-confirm-text')).toContainText(/with the backup taken \d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2} IST/);
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(backups).toBeVisible();
  await expect(page.getByTestId('backup-pending')).toHaveCount(0);
  await page.getByTestId('backups-close').click();
  await expect(backups).toBeHidden();
});
