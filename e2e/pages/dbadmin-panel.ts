import type { Locator, Page } from '@playwright/test';

/** The Database pane's tabs, as a user drives them. */
export class DbAdminPanel {
  readonly pane: Locator;
  readonly editor: Locator;
  readonly runButton: Locator;
  readonly grid: Locator;
  readonly columns: Locator;
  readonly rows: Locator;
  readonly status: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.pane = page.getByTestId('pane-database');
    this.editor = page.getByTestId('console-editor');
    this.runButton = page.getByTestId('console-run');
    this.grid = page.getByTestId('console-grid');
    this.columns = page.getByTestId('console-column');
    this.rows = page.getByTestId('console-row');
    this.status = page.getByTestId('console-status');
    this.error = page.getByTestId('console-error');
  }

  tab(name: 'server' | 'tables' | 'activity' | 'statements' | 'wal' | 'console'): Locator {
    return this.page.getByTestId(`dbadmin-tab-${name}`);
  }

  async expand(): Promise<void> {
    await this.page.getByTestId('dbadmin-expand').click();
  }

  /** Types the statement and runs it with Ctrl+Enter, as a trader would. */
  async runSql(sql: string): Promise<void> {
    await this.editor.fill(sql);
    await this.editor.press('Control+Enter');
  }
}
