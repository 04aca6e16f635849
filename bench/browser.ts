// In headless Chromium, as a user sees it: time from the start of a run to its first partial result
// and to completion, the wasm memory each worker ends with, a lever change, a fast drag of a slider
// (quiet, and with the other core busy), a 10x10 sweep of the default and an optimiser run with its
// defaults.
import { spawn } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { preview } from 'vite';
import { launch } from '../test/helpers/chromium';
import { LINK_VERSION } from '../src/link';
import { timeVisits, watchLongTasks } from './page-load';
// @ts-expect-error: a plain ES module script shared with the npm scripts
import { ensureApp } from '../scripts/app-fresh.mjs';

/** Links of today's version: an older one opens with the draws it was made with (src/link.ts), not today's defaults. */
const V = `v=${LINK_VERSION}`;
export const HEAVY = `#${V}&paths=10000&positions=1000&horizon=86400&dt=10`;
const SWEEP = `#${V}&view=designer&sweep=pInsolvent;mmr:0.01:0.1:10;penalty:0:0.05:10`;

async function timeRun(browser: Browser, base: string, hash: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + hash);
  const bar = page.locator('[data-status="done"][data-worker-memory]:not([data-worker-memory=""])');
  await bar.waitFor({ timeout: 600_000 });
  const [first, elapsed, memory] = await Promise.all(['data-first-ms', 'data-elapsed-ms', 'data-worker-memory'].map((a) => bar.getAttribute(a)));
  const workers = (memory ?? '').split(' ').map(Number);
  await context.close();
  return { firstPartialMs: Number(first), completeMs: Number(elapsed), workers: workers.length, peakWasmMemoryMiB: Math.max(...workers) / 2 ** 20 };
}

/** The default 10x10 sweep opened as a link: its time, its coarse map's, and the page's long tasks once the sweep began. */
async function timeSweep(browser: Browser, base: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(watchLongTasks);
  await page.goto(base + SWEEP);
  await page.waitForSelector('[data-sweep-status="done"]', { timeout: 900_000 });
  const ms = Number(await page.locator('[data-sweep]').first().getAttribute('data-sweep-ms'));
  const coarse = await page.locator('[data-sweep-coarse-ms]').getAttribute('data-sweep-coarse-ms').catch(() => null);
  // The sweep starts once the page is up (its own long tasks are a page load's): the sweep's are those
  // that start within its last `ms` before now (now is a little after it ended).
  const long = await page.evaluate((ms) => {
    const since = performance.now() - ms;
    return (window as unknown as { __longTasks: number[][] }).__longTasks.filter(([t]) => t >= since).map(([, d]) => d);
  }, ms);
  await context.close();
  return { cells: 100, ms, msPerCell: ms / 100, coarseMapMs: coarse === null ? null : Number(coarse), longTasks: long.length, longestMs: Math.max(0, ...long) };
}

/**
 * A single lever change on a warm page, as a user makes it: the maintenance margin typed and
 * entered; the time from the change to the first redrawn result and to the complete one.
 */
export async function timeLeverChange(browser: Browser, base: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + `#${V}`);
  await page.locator('[data-status="done"]').waitFor({ timeout: 600_000 });
  const rows = [];
  for (const value of ['4', '5', '3.5', '6', '3']) {
    await page.fill('#field-mmr', value);
    const t0 = await page.evaluate(() => performance.now());
    await page.press('#field-mmr', 'Enter');
    await page.waitForFunction(() => document.querySelector('[data-status]')?.getAttribute('data-status') === 'done' && document.querySelector('[data-first-ms]'));
    const [first, complete, start] = await page.evaluate(() => {
      const bar = document.querySelector('[data-status]')!;
      return [Number(bar.getAttribute('data-first-ms')), Number(bar.getAttribute('data-elapsed-ms')), performance.now()];
    });
    rows.push({ firstMs: first, completeMs: complete, sinceKeyMs: start - t0 });
  }
  await context.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { changes: rows.length, firstMs: median(rows.map((r) => r.firstMs)), completeMs: median(rows.map((r) => r.completeMs)), firstRange: [Math.min(...rows.map((r) => r.firstMs)), Math.max(...rows.map((r) => r.firstMs))], completeRange: [Math.min(...rows.map((r) => r.completeMs)), Math.max(...rows.map((r) => r.completeMs))] };
}

/** Paths of the large run whose page is watched (timeLargeRun). */
export const LARGE_PATHS = 100_000;

/**
 * A large run on a warm page (its link opened there): every long task (over 50 ms) the
 * page ran until the run was complete, while partial results came in. Its summaries are what grows
 * with the paths (computed on the page, they made long tasks of up to 131 ms here), so this is where
 * computing them on the page shows.
 */
export async function timeLargeRun(browser: Browser, base: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + `#${V}`);
  await page.locator('[data-status="done"]').waitFor({ timeout: 600_000 });
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: 'longtask' });
  });
  await page.evaluate(([v, n]) => (location.hash = `#${v}&paths=${n}`), [V, LARGE_PATHS] as const);
  await page.waitForFunction((n) => document.querySelector('[data-status]')?.getAttribute('data-status') === 'done' && document.querySelector('[data-status]')?.getAttribute('data-paths-total') === String(n), LARGE_PATHS, { timeout: 600_000, polling: 200 });
  const [complete, long] = await page.evaluate(() => [Number(document.querySelector('[data-status]')!.getAttribute('data-elapsed-ms')), (window as unknown as { __long: number[] }).__long] as const);
  await context.close();
  return { paths: LARGE_PATHS, completeMs: complete, longTasks: long.length, longestMs: Math.max(0, ...long), longTaskMs: long.reduce((a, b) => a + b, 0) };
}

/**
 * A fast drag of the maintenance-margin slider (60 mouse moves across its track), as a user makes
 * it, against the same drag of a bare slider of the same size on a blank page; with every long task
 * (over 50 ms) the main thread ran meanwhile. Playwright sends each move once the page has taken the
 * previous one, so a busy main thread makes the drag itself slower.
 */
export async function timeDrag(browser: Browser, base: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const drag = async (selector: string) => {
    await page.evaluate(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: 'longtask' });
    });
    await page.locator(selector).scrollIntoViewIfNeeded();
    const box = (await page.locator(selector).boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + 4, y);
    await page.mouse.down();
    const t0 = performance.now();
    for (let i = 1; i <= 60; i++) await page.mouse.move(box.x + 4 + ((box.width - 8) * i) / 60, y);
    await page.mouse.up();
    const ms = performance.now() - t0;
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    return { ms, longTasks: long.length, longestMs: Math.max(0, ...long) };
  };
  await page.goto(base + `#${V}`);
  await page.locator('[data-status="done"]').waitFor({ timeout: 600_000 });
  const app = await drag('[data-field="mmr"] input[type="range"]');
  await page.locator('[data-status="done"]').waitFor({ timeout: 600_000 });
  // The drag really moved the lever (to the end of its track) and the app ran it. The address
  // takes the last value once the changes pause (address.ts), which may come after the run.
  const moved = await page.waitForFunction(() => location.hash.includes('mmr=0.5'), null, { timeout: 5_000 }).then(() => true, () => false);
  if (!moved) throw new Error(`the drag did not move the lever: ${await page.evaluate(() => location.hash)}`);
  const width = (await page.locator('[data-field="mmr"] input[type="range"]').boundingBox())!.width;
  await page.goto('about:blank');
  await page.setContent(`<input type="range" min="0" max="1000" value="0" style="width:${width}px;margin:40px">`);
  const bare = await drag('input[type="range"]');
  await context.close();
  return { moves: 60, app, bare, ratio: app.ms / bare.ms };
}

/**
 * DRAGS drags (each the app's, then the bare slider's, in one context), with the other core busy
 * or not: the median of their ratios, the drag that gave it, the range and every long task.
 */
const DRAGS = 3;
async function drags(browser: Browser, base: string, busy: boolean) {
  const hog = busy ? spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }) : null;
  try {
    const all = [];
    for (let i = 0; i < DRAGS; i++) all.push(await timeDrag(browser, base));
    const sorted = [...all].sort((a, b) => a.ratio - b.ratio), mid = sorted[sorted.length >> 1];
    const longTasks = all.reduce((n, d) => n + d.app.longTasks, 0), longestMs = Math.max(...all.map((d) => d.app.longestMs));
    return { ...mid, drags: all.length, ratios: all.map((d) => d.ratio), range: [sorted[0].ratio, sorted[sorted.length - 1].ratio], longTasks, longestMs };
  } finally {
    hog?.kill();
  }
}

/** The optimiser with its defaults (mmr and penalty, trader cost under P(insolvent) <= 1%, 30 runs) on the default scenario. */
async function timeOptimiser(browser: Browser, base: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + `#${V}&view=designer`);
  await page.locator('[data-status="done"]').waitFor({ timeout: 600_000 });
  await page.locator('[data-opt="run"]').click();
  await page.waitForSelector('[data-optimiser-status="done"]', { timeout: 900_000 });
  const ms = Number(await page.locator('[data-optimiser]').first().getAttribute('data-optimiser-ms'));
  const runs = await page.locator('[data-chart="pareto"] circle[data-evaluation]').count();
  await context.close();
  return { runs, ms, msPerRun: ms / runs };
}

/** Starts the built app and a browser for `use`, and stops them after. */
async function withApp<T>(use: (browser: Browser, base: string) => Promise<T>): Promise<T> {
  ensureApp();
  const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false }, logLevel: 'warn' });
  const browser = await launch();
  try {
    return await use(browser, server.resolvedUrls!.local[0]);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** `npm run bench -- drag`: the drag alone, quiet and with the other core busy, `times` times (nothing written). */
export async function dragOnly(times = 3) {
  return withApp(async (browser, base) => {
    const rows = [];
    for (let i = 0; i < times; i++) {
      const quiet = await timeDrag(browser, base);
      const hog = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
      try {
        rows.push({ quiet: quiet.ratio, busy: (await timeDrag(browser, base)).ratio });
      } finally {
        hog.kill();
      }
    }
    return rows;
  });
}

/** `npm run bench -- visit`: first visits alone, `times` of them (nothing written). */
export async function visitOnly(times = 5) {
  return withApp(async (browser, base) => {
    const { raw: _raw, ...summary } = await timeVisits(browser, base, `#${V}`, times);
    return summary;
  });
}

/** `npm run bench -- large`: the large run alone, `times` times (nothing written). */
export async function largeOnly(times = 2) {
  return withApp(async (browser, base) => {
    const rows = [];
    for (let i = 0; i < times; i++) rows.push(await timeLargeRun(browser, base));
    return rows;
  });
}

/** `npm run bench -- sweep`: the default 10x10 sweep alone, `times` times (nothing written). */
export async function sweepOnly(times = 2) {
  return withApp(async (browser, base) => {
    const rows = [];
    for (let i = 0; i < times; i++) rows.push(await timeSweep(browser, base));
    return rows;
  });
}

export async function inChromium() {
  ensureApp();
  const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false }, logLevel: 'warn' });
  const base = server.resolvedUrls!.local[0];
  const browser = await launch();
  try {
    const version = browser.version();
    const fresh = await timeRun(browser, base, `#${V}`);
    const { raw: _raw, ...firstVisit } = await timeVisits(browser, base, `#${V}`);
    const again = await timeRun(browser, base, `#${V}&seed=2`);
    const heavy = await timeRun(browser, base, HEAVY);
    const leverChange = await timeLeverChange(browser, base);
    const largeRun = await timeLargeRun(browser, base);
    const drag = await drags(browser, base, false);
    // The same with the other core busy, as on a laptop doing something else.
    const dragBusy = await drags(browser, base, true);
    const sweep = await timeSweep(browser, base);
    const optimiser = await timeOptimiser(browser, base);
    return { chromium: version, default: fresh, firstVisit, defaultOtherSeed: again, heavy: { link: HEAVY, ...heavy }, leverChange, largeRun, drag, dragBusy, sweep10x10: sweep, optimiser };
  } finally {
    await browser.close();
    await server.close();
  }
}
