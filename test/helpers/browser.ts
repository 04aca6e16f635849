// Real Chromium for the browser tests: Debian's /usr/bin/chromium, headless, through playwright-core.
// Each page records console errors, page errors and every request to another origin.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launch } from './chromium';
import { mounted } from './mounted';

export { launch, mounted };

export interface Watched {
  page: Page;
  consoleErrors: string[];
  foreignRequests: string[];
}

export function baseURL(): string {
  return inject('baseURL');
}

export async function openPage(browser: Browser, hash = '', options: BrowserContextOptions = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const origin = new URL(baseURL()).origin;
  const w: Watched = { page, consoleErrors: [], foreignRequests: [] };
  page.on('console', (m) => m.type() === 'error' && w.consoleErrors.push(m.text()));
  page.on('pageerror', (e) => w.consoleErrors.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) w.foreignRequests.push(u);
  });
  await page.goto(baseURL() + hash);
  return w;
}

/**
 * One Chromium for a test file: launched before its tests and closed after them. `open` opens the
 * app at a link in a fresh context and keeps the page, so a last test can check that no page logged
 * an error or reached another origin.
 */
export function useBrowser() {
  let browser: Browser | undefined;
  const pages: Watched[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    pages,
    async open(hash = '', options: BrowserContextOptions = {}): Promise<Watched> {
      if (!browser) throw new Error('the browser is not launched yet');
      const w = await openPage(browser, hash, options);
      pages.push(w);
      return w;
    },
  };
}


/** Waits until the run in flight has finished and the page has caught up with it (mounted). */
export async function settled(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForSelector('[data-status="done"]', { timeout });
  await mounted(page, timeout);
}

export const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });
const DOCS = new URL('../../docs/images/', import.meta.url).pathname;

/**
 * Saves a screenshot as a test artifact (test-results/screenshots/NAME.png); with
 * UPDATE_SCREENSHOTS=1, also as the image the README and docs show (docs/images/NAME.png).
 */
export async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const path = `${SHOTS}${name}.png`;
  await page.screenshot({ path, fullPage: options.fullPage });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: `${DOCS}${name}.png`, fullPage: options.fullPage });
  }
  return path;
}
