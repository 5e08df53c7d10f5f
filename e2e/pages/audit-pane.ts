import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The Audit pane as a trader uses it: filters, the virtual ledger table, a timeline, verify and export. */
export class AuditPane {
  readonly root: Locator;
  readonly count: Locator;
  readonly rows: Locator;
  readonly timeline: Locator;
  readonly verifyResult: Locator;
  readonly exportStatus: Locator;
  readonly sha256: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('pane-audit');
    this.count = page.getByTestId('audit-count');
    this.rows = page.getByTestId('audit-row');
    this.timeline = page.getByTestId('audit-timeline');
    this.verifyResult = page.getByTestId('audit-verify-result');
    this.exportStatus = page.getByTestId('audit-export-status');
    this.sha256 = page.getByTestId('audit-export-sha256');
  }

  async maximise(): Promise<void> {
    await this.page.getByTestId('audit-maximise').click();
  }

  async refresh(): Promise<void> {
    await this.page.getByTestId('audit-refresh').click();
  }

  async filter(f: { from?: string; to?: string; symbol?: string; eventType?: string }): Promise<void> {
    if (f.from !== undefined) await this.page.getByTestId('audit-from').fill(f.from);
    if (f.to !== undefined) await this.page.getByTestId('audit-to').fill(f.to);
    if (f.symbol !== undefined) await this.page.getByTestId('audit-symbol').fill(f.symbol);
    if (f.eventType !== undefined) await this.page.getByTestId('audit-event-type').selectOption(f.eventType === '' ? '' : f.eventType);
    await this.page.getByTestId('audit-apply').click();
  }

  async expectCount(events: number): Promise<void> {
    await expect(this.count).toHaveText(`${events.toLocaleString('en-IN')} events`);
  }

  async verify(): Promise<void> {
    await this.page.getByTestId('audit-verify').click();
  }

  async startExport(): Promise<void> {
    await this.page.getByTestId('audit-export-start').click();
  }
}
