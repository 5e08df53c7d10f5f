import { expect, test } from '@playwright/test';
import { MarketPage } from '../pages/market-page';
import { installSyntheticCore, serveRenderer } from './harness';

/**
 * Older history on scroll, against the built renderer with a synthetic core
 * (a fresh real database has no history to scroll into): dragging the chart
 * to its left edge fetches the page before the oldest bar, and the view stays
 * on the bars it showed.
 */
let renderer: Awaited<ReturnType<typeof serveRenderer>>;

test.beforeAll(async () => {
  renderer = await serveRenderer();
});

test.afterAll(async () => {
  await renderer?.close();
});

test('scrolling left loads older candles and keeps the view in place', async ({ page }) => {
  await installSyntheticCore(page, { olderPages: 2 });
  await page.goto(renderer.url);
  const market = new MarketPage(page);
  await expect.poll(() => market.chartBars()).toBe(2000);

  const box = await market.chartCanvas.boundingBox();
  if (!box) throw new Error('the chart has no box');
  const y = box.y + box.height / 2;
  const legendTime = async () => (await market.chartLegendTime.textContent()) ?? '';
  let previous = '';
  // Drag right (towards older bars) until a page arrives; the bar under the cursor moves back steadily.
  for (let drag = 0; drag < 80 && (await market.chartBars()) === 2000; drag += 1) {
    await page.mouse.move(box.x + 20, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 80, y, { steps: 3 });
    await page.mouse.up();
    await page.mouse.move(box.x + 20, y);
    previous = await legendTime();
  }
  await expect.poll(() => market.chartBars()).toBe(4000);
  // The view did not jump to the new oldest bar: re-hovering the same spot finds the same bar.
  await page.mouse.move(box.x + 60, y);
  await page.mouse.move(box.x + 20, y);
  expect(await legendTime()).toBe(previous);
  // Keep going: the second and last page, then the start of history.
  for (let drag = 0; drag < 120 && (await market.chartBars()) === 4000; drag += 1) {
    await page.mouse.move(box.x + 20, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 80, y, { steps: 3 });
    await page.mouse.up();
  }
  await expect.poll(() => market.chartBars()).toBe(6000);
});
