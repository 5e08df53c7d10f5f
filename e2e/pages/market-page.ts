import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The watchlist, chart and market status as a trader uses them. */
export class MarketPage {
  readonly search: Locator;
  readonly results: Locator;
  readonly rows: Locator;
  readonly chartCanvas: Locator;
  readonly chartSymbol: Locator;
  readonly chartLegendTime: Locator;
  readonly chartState: Locator;
  readonly marketPhase: Locator;
  readonly simulated: Locator;
  readonly feedState: Locator;
  readonly feedRate: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByTestId('watchlist-search');
    this.results = page.getByTestId('watchlist-result');
    this.rows = page.getByTestId('watchlist-row');
    this.chartCanvas = page.getByTestId('chart-canvas');
    this.chartSymbol = page.getByTestId('chart-symbol');
    this.chartLegendTime = page.getByTestId('chart-legend-time');
    this.chartState = page.getByTestId('chart-state');
    this.marketPhase = page.getByTestId('market-phase');
    this.simulated = page.getByTestId('market-simulated');
    this.feedState = page.getByTestId('feed-state');
    this.feedRate = page.getByTestId('feed-rate');
  }

  row(symbol: string): Locator {
    return this.page.locator(`[data-testid="watchlist-row"][data-symbol="${symbol}"]`);
  }

  ltp(symbol: string): Locator {
    return this.row(symbol).getByTestId('watchlist-ltp');
  }

  /** Types into the search box and waits for the debounced answer. */
  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await expect(this.results.first()).toBeVisible();
  }

  /** Adds an instrument the way a trader does: type, arrow to it if needed, Enter. */
  async addBySearch(text: string, symbol: string): Promise<void> {
    await this.searchFor(text);
    const symbols = await this.results.evaluateAll((items) => items.map((item) => item.getAttribute('data-symbol')));
    const index = symbols.indexOf(symbol);
    expect(index, `"${symbol}" among the results for "${text}": ${symbols.join(', ')}`).toBeGreaterThanOrEqual(0);
    // The first result starts highlighted.
    for (let i = 0; i < index; i += 1) await this.search.press('ArrowDown');
    await this.search.press('Enter');
    await expect(this.row(symbol)).toBeVisible();
  }

  async ltpText(symbol: string): Promise<string> {
    return (await this.ltp(symbol).textContent()) ?? '';
  }

  /** Bars the chart holds (the controller writes the count on its element). */
  async chartBars(): Promise<number> {
    return Number((await this.chartCanvas.getAttribute('data-bars')) ?? '0');
  }

  async pickTimeframe(timeframe: string): Promise<void> {
    const button = this.page.getByTestId(`chart-tf-${timeframe}`);
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }
}
