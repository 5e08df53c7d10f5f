import { expect, test } from './fixtures/tickdesk-server';
import { DbAdminPanel } from './pages/dbadmin-panel';
import { TerminalPage } from './pages/terminal-page';

test.describe('database panel', () => {
  test('the SQL console shows a result grid and refuses writes', async ({ page, tickdesk }) => {
    const terminal = new TerminalPage(page);
    await terminal.open(tickdesk.url);
    await terminal.expectDbReady();
    const panel = new DbAdminPanel(page);
    await panel.expand();
    await panel.tab('console').click();

    await panel.runSql('select 1 as one');
    await expect(panel.grid).toBeVisible();
    await expect(panel.columns).toHaveCount(1);
    await expect(panel.columns.first()).toContainText('one');
    await expect(panel.columns.first()).toContainText('integer');
    await expect(panel.rows).toHaveCount(1);
    await expect(panel.rows.first().getByRole('cell')).toHaveText('1');
    await expect(panel.status).toContainText('1 row');

    await panel.runSql('delete from orders');
    await expect(panel.error).toHaveText('The SQL console is read-only: INSERT/UPDATE/DELETE and DDL are refused.');
    await expect(panel.grid).toHaveCount(0);

    // Past the lexer, the server itself refuses: a write inside a CTE.
    await panel.runSql('with d as (delete from orders returning *) select * from d');
    await expect(panel.error).toHaveText('The SQL console is read-only: INSERT/UPDATE/DELETE and DDL are refused.');

    await panel.runSql('select * from broker_accounts');
    await expect(panel.error).toContainText('permission denied for table broker_accounts');
  });

  test('the tabs read the live server', async ({ page, tickdesk }) => {
    const terminal = new TerminalPage(page);
    await terminal.open(tickdesk.url);
    await terminal.expectDbReady();
    const panel = new DbAdminPanel(page);
    await expect(page.getByTestId('dba-uptime')).toHaveText(/^\d+(s|m \d{2}s|h \d{2}m|d \d+h)$/);
    await panel.expand();
    await panel.tab('tables').click();
    await expect(page.locator('[data-testid="table-row"][data-table="market_ticks"]')).toBeVisible();
    await panel.tab('activity').click();
    await expect(page.getByTestId('activity-row').first()).toBeVisible();
    await panel.tab('wal').click();
    await expect(page.getByTestId('dba-lsn')).toHaveText(/^[0-9A-F]+\/[0-9A-F]+$/);
  });
});
