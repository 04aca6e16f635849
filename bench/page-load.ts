// A first visit in headless Chromium, as a newcomer makes it: the main thread's long tasks (over 50
// ms) from the page's start until its first run is complete and every part of the page has mounted,
// split into the load's own task (the one that ran the app's module and mounted it) and those after;
// then each tab shown in turn, with the long tasks each brought.
import type { Browser } from 'playwright-core';
import { mounted } from '../test/helpers/mounted';

const TABS = ['designer', 'sandbox', 'replay', 'sandbox'] as const;

/** Every long task (over 50 ms) of the page from its start, as [start, duration] in ms (an init script). */
export const watchLongTasks = () => {
  const w = window as unknown as { __longTasks: number[][] };
  w.__longTasks = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__longTasks.push([e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
};

export interface Visit {
  /** The load's own long tasks (they start before DOMContentLoaded ends), in ms. */
  load: number[];
  /** Long tasks after it, until the first run was drawn and every part had mounted. */
  after: number[];
  /** The long tasks each tab brought when shown (TABS, in order). */
  tabs: number[][];
}

/**
 * Until the run is done and the page has caught up with it, as the tests' mounted() reads it: no part
 * waits for its turn (src/ui/turns.ts) and every chart's plot is drawn; then a moment to be sure.
 */
async function pageUp(page: import('playwright-core').Page) {
  await page.locator('[data-status="done"]').waitFor({ timeout: 600_000 });
  await mounted(page);
  await page.waitForTimeout(500);
}

export async function visitOnce(browser: Browser, base: string, hash: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(watchLongTasks);
    await page.goto(base + hash);
    await page.locator('[data-chart="liquidation-map"]').waitFor({ timeout: 600_000 });
    await pageUp(page);
    const taken = () => page.evaluate(() => (window as unknown as { __longTasks: number[][] }).__longTasks.splice(0));
    const ready = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
    const first = await taken();
    const visit: Visit = { load: first.filter(([t]) => t < ready).map(([, d]) => d), after: first.filter(([t]) => t >= ready).map(([, d]) => d), tabs: [] };
    for (const tab of TABS) {
      await page.click(`[data-tab="${tab}"]`);
      await pageUp(page);
      visit.tabs.push((await taken()).map(([, d]) => d));
    }
    return visit;
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** `times` first visits: the load's task (median and range), and every long task after it and on showing a tab. */
export async function timeVisits(browser: Browser, base: string, hash: string, times = 5) {
  const visits: Visit[] = [];
  for (let i = 0; i < times; i++) visits.push(await visitOnce(browser, base, hash));
  const loads = visits.map((v) => Math.max(0, ...v.load));
  const after = visits.flatMap((v) => v.after), tabs = visits.flatMap((v) => v.tabs.flat());
  return {
    visits: times,
    loadTaskMs: median(loads),
    loadRange: [Math.min(...loads), Math.max(...loads)],
    afterLoad: { longTasks: after.length, longestMs: Math.max(0, ...after) },
    tabSwitches: { shown: times * TABS.length, longTasks: tabs.length, longestMs: Math.max(0, ...tabs) },
    raw: visits,
  };
}
