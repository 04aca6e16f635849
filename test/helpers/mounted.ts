// When the page has caught up: no part waits for its turn to mount (src/ui/turns.ts) and every chart
// knows its width (its plot is drawn). For the browser tests and the bench's page rows alike.
import type { Page } from 'playwright-core';

export async function mounted(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-in-turn], figure.chart svg[width="0"]'), undefined, { timeout, polling: 20 });
}
