// The sandbox interface in real Chromium: the lever panel, every chart, headline cards, compare,
// share, export, progress and partial results, layouts and themes. Screenshots of every chart and
// layout are saved in test-results/screenshots/.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIELD_KEYS, GROUPS, field, isActive, defaultScenario } from '../../src/scenario';
import { mounted, settled, shot, SHOTS, useBrowser } from '../helpers/browser';

const chromium = useBrowser();
const { pages } = chromium;

async function open(hash = '', options = {}): Promise<Page> {
  const w = await chromium.open(hash, options);
  return w.page;
}

const CHARTS = ['solvency', 'bad-debt', 'price', 'liquidated', 'fund', 'metrics', 'liquidation-map', 'cascade-curve'];

async function download(page: Page, selector: string): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFileSync((await d.path())!);
}

describe('lever panel', () => {
  it('has every group, a labelled control for every active lever, and only the mechanism\'s own levers', async () => {
    const page = await open();
    await settled(page);
    const s = defaultScenario();
    // Every group with a lever in play (an asset's group waits until there are that many assets).
    const groups = await page.locator('nav summary').allInnerTexts();
    expect(groups).toEqual(GROUPS.filter((g) => FIELD_KEYS.some((k) => field(k).group === g && isActive(s, k))));
    expect(groups).toContain('Assets');
    expect(groups).not.toContain('Asset 2');
    await page.locator('nav details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    for (const key of FIELD_KEYS) {
      const shown = await page.locator(`[data-field="${key}"]`).count();
      expect(shown, key).toBe(isActive(s, key) ? 1 : 0);
      if (!shown) continue;
      const label = page.locator(`label[for="field-${key}"]`);
      expect(await label.innerText()).toBe(field(key).label);
      expect(await page.locator(`#field-${key}`).count()).toBe(1);
    }
    await page.selectOption('#field-mechanism', 'dutch');
    await page.waitForSelector('[data-field="auctionStart"]');
    expect(await page.locator('[data-field="closeFactor"]').count()).toBe(0);
    await page.selectOption('#field-mechanism', 'partial');
    await page.waitForSelector('[data-field="closeFactor"]');
    expect(await page.locator('[data-field="auctionStart"]').count()).toBe(0);
    // The address follows within 150 ms of the last of rapid changes.
    await page.waitForFunction(() => location.hash === '#v=2&mechanism=partial');
  });

  it('is operable by keyboard, explains a lever on focus, and resets to the default', async () => {
    const page = await open();
    await settled(page);
    expect(await page.locator('summary:text("Insurance fund")').evaluate((s) => (s.parentElement as HTMLDetailsElement).open)).toBe(true);
    await page.focus('#field-penalty');
    await expect.poll(() => page.locator('#field-penalty-help').evaluate((e) => e.getBoundingClientRect().height)).toBeGreaterThan(5);
    expect(await page.locator('#field-penalty-help').innerText()).toBe(field('penalty').help);
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => location.hash.includes('penalty='));
    const raised = Number(await page.locator('#field-penalty').inputValue());
    expect(raised).toBeGreaterThan(1);
    await page.keyboard.press('Tab'); // onward to the next control
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('field-penalty');
    await page.click('[data-field="penalty"] .reset');
    await page.waitForFunction(() => !location.hash.includes('penalty='));
    expect(await page.locator('#field-penalty').inputValue()).toBe('1');
  });

  it('accepts 20M and 1,500 style numbers and says when a value is out of bounds', async () => {
    const page = await open();
    await settled(page);
    await page.fill('#field-depth1pct', '5M');
    await page.press('#field-depth1pct', 'Enter');
    await page.waitForFunction(() => location.hash.includes('depth1pct=5000000'));
    await page.fill('#field-sigma', '9');
    await page.press('#field-sigma', 'Enter');
    await expect.poll(() => page.locator('[data-field="sigma"] .error').innerText()).toMatch(/between 0 \/√yr and 5 \/√yr; using 5/);
    expect(await page.locator('#field-sigma').inputValue()).toBe('5');
  });
});

describe('charts and cards', () => {
  it('draws every chart with units on its axes, and hover shows values', async () => {
    const page = await open();
    await settled(page);
    await page.waitForSelector('[data-chart="cascade-curve"]');
    for (const id of CHARTS) {
      const chart = page.locator(`[data-chart="${id}"]`);
      expect(await chart.count(), id).toBe(1);
      await chart.scrollIntoViewIfNeeded();
      await chart.screenshot({ path: `${SHOTS}chart-${id}.png` });
      if (id === 'metrics') continue;
      const marks = await chart.locator('path.mark, rect.mark').evaluateAll((es) => es.filter((e) => (e.getAttribute('d') ?? 'rect').length > 3).length);
      expect(marks, id).toBeGreaterThan(0);
      const labels = await chart.locator('text.label').allTextContents();
      expect(labels.some((l) => /USD|share|time|move/.test(l)), `${id}: ${labels}`).toBe(true);
      const box = (await chart.locator('rect.catcher').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
      const tip = chart.locator('.tooltip');
      await tip.waitFor();
      expect(await tip.innerText()).toMatch(/\d/);
    }
  });

  it('shows the four headline numbers, each with a plain-language line', async () => {
    const page = await open();
    await settled(page);
    const cards = page.locator('[data-card]');
    expect(await cards.count()).toBe(4);
    for (const c of await cards.all()) {
      expect(await c.locator('[data-value]').innerText()).toMatch(/\d/);
      expect((await c.locator('.line').innerText()).length).toBeGreaterThan(30);
    }
  });
});

describe('compare, share and export', () => {
  it('pins a baseline, overlays it on every chart and lists the levers that differ', async () => {
    const page = await open();
    await settled(page);
    await page.click('[data-action="pin"]');
    // The run just pinned has not moved from itself.
    expect(await page.locator('[data-card="insolvency"] .base').innerText()).toMatch(/^baseline [\d.]+%$/);
    await page.fill('#field-mmr', '5');
    await page.press('#field-mmr', 'Enter');
    await page.waitForFunction(() => location.hash.includes('mmr=0.05'));
    await settled(page);
    expect(await page.locator('[data-change="mmr"]').innerText()).toBe('Maintenance margin: 3% → 5%');
    for (const id of ['solvency', 'price', 'liquidated', 'fund']) {
      expect(await page.locator(`[data-chart="${id}"] .baseline, [data-chart="${id}"] .base`).count(), id).toBeGreaterThan(0);
    }
    expect(await page.locator('[data-card="insolvency"] .base').innerText()).toMatch(/^baseline \d/);
    // Each change from the baseline carries its error, paired path by path on the same seed; a higher
    // margin liquidates earlier, so less bad debt.
    expect(await page.locator('[data-card="insolvency"] .base').innerText()).toMatch(/^baseline [\d.]+%; change [−+]?[\d.]+ pp ± [\d.]+ pp$/);
    expect(await page.locator('[data-card="bad-debt"] .base').innerText()).toMatch(/; change −\$[\d.]+\w? ± \$[\d.]+\w?$/);
    expect(await page.locator('[data-card="trader-cost"] .base').getAttribute('title')).toMatch(/paired path by path: the same paths/);
    expect(await page.locator('[data-card="amplification"] .base').innerText()).toMatch(/^baseline [\d.]+×; change [−+]?[\d.]+× ± [\d.]+×$/);
    await shot(page, 'compare');
    // Other draws on the same seed are other paths, and the card says so.
    await page.click('summary:text-is("Simulation")');
    await page.selectOption('#field-normalBits', '64');
    await page.waitForFunction(() => location.hash.includes('normalBits=64'));
    await settled(page);
    expect(await page.locator('[data-card="trader-cost"] .base').getAttribute('title')).toMatch(/other draws: other paths/);
    await page.click('[data-action="unpin"]');
    expect(await page.locator('[data-compare]').count()).toBe(0);
  });

  it('copies a link that reproduces exactly the same numbers', async () => {
    const page = await open('#v=2&oracleLatency=45&paths=1500', { permissions: ['clipboard-read', 'clipboard-write'] });
    await settled(page);
    const digest = await page.locator('main').getAttribute('data-digest');
    await page.click('[data-action="share"]');
    await expect.poll(() => page.locator('[data-action="share"]').innerText()).toBe('Link copied');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(page.url());
    const other = await open(new URL(link).hash);
    await settled(other);
    expect(await other.locator('main').getAttribute('data-digest')).toBe(digest);
  });

  it('exports results as CSV and JSON, and each chart as SVG and PNG', async () => {
    const page = await open('#v=2&paths=1000');
    await settled(page);
    const csv = (await download(page, '[data-action="csv"]')).toString('utf8').trim().split('\n');
    expect(csv[0].split(',')).toContain('share_insolvent');
    expect(csv.length).toBe(102); // header + 101 grid times
    expect(csv[1].split(',').length).toBe(csv[0].split(',').length);
    // Each curve with its 95% interval, around it.
    const col = (name: string) => csv[0].split(',').indexOf(name);
    const last = csv[101].split(',').map(Number);
    expect(last[col('share_insolvent_lo95')]).toBeLessThanOrEqual(last[col('share_insolvent')]);
    expect(last[col('share_insolvent_hi95')]).toBeGreaterThan(last[col('share_insolvent')]);
    const json = JSON.parse((await download(page, '[data-action="json"]')).toString('utf8'));
    expect(json.format).toBe('cascade-lab-result');
    expect(json.link).toBe('#v=2&paths=1000');
    expect(json.paths).toBe(1000);
    const svg = (await download(page, '[data-chart="price"] [data-export="svg"]')).toString('utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Price: market against fundamental');
    expect(svg).not.toContain('var(--');
    expect(svg).toMatch(/<path[^>]*style="[^"]*stroke: rgb\(/); // computed colours are inlined
    const png = await download(page, '[data-chart="solvency"] [data-export="png"]');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(5000);
  });
});

describe('progress and layout', () => {
  it('marks partial results while streaming, keeps the layout still, and cancels', async () => {
    const page = await open('#v=2&paths=200000');
    await page.waitForSelector('[data-status="running"] .badge');
    await page.waitForSelector('[data-chart="solvency"].partial');
    const boxes = async () =>
      page.locator('[data-chart], [data-card]').evaluateAll((es) => es.map((e) => {
        const r = e.getBoundingClientRect();
        return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)].join(',');
      }));
    await page.waitForSelector('[data-chart="cascade-curve"]');
    await mounted(page); // every chart in its place, as the run goes on
    const during = await boxes();
    await shot(page, 'partial');
    expect(await page.locator('[data-progress]').innerText()).toMatch(/partial [\d,]+ \/ 200,000 paths/);
    await page.click('.progress button');
    await page.waitForSelector('[data-status="cancelled"]');
    expect(await boxes()).toEqual(during);
  });

  it('mounts the levers, the charts and the designer in turns, each in its place, until none waits', async () => {
    const page = await open();
    // Count every placeholder a part put in its place while it waited for its turn (src/ui/turns.ts).
    await page.addInitScript(() => {
      const w = window as unknown as { __waited: number };
      w.__waited = 0;
      new MutationObserver((records) => {
        // A placeholder comes on its own, or inside a part of the page mounted with it.
        for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) w.__waited += (n.matches('[data-in-turn]') ? 1 : 0) + n.querySelectorAll('[data-in-turn]').length;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    await settled(page);
    await page.waitForSelector('[data-chart="cascade-curve"]');
    const left = () => page.locator('[data-in-turn]').count();
    await expect.poll(left).toBe(0);
    const waited = await page.evaluate(() => (window as unknown as { __waited: number }).__waited);
    const s = defaultScenario();
    const levers = FIELD_KEYS.filter((k) => isActive(s, k)).length;
    // Every lever and every chart waited its turn, and every one of them came.
    expect(waited).toBeGreaterThanOrEqual(levers + 6);
    expect(await page.locator('nav[aria-label="Scenario levers"] [data-field]').count()).toBe(levers);
    for (const id of ['solvency', 'bad-debt', 'price', 'liquidated', 'fund', 'metrics', 'liquidation-map']) expect(await page.locator(`[data-chart="${id}"]`).count()).toBe(1);
    // A view opened later does the same: the designer's four tools.
    await page.click('[data-tab="designer"]');
    await expect.poll(left).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __waited: number }).__waited)).toBeGreaterThanOrEqual(waited + 4);
    expect(await page.locator('[data-sweep]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-opt="run"]').count()).toBe(1);
  });

  it('lines the charts of a row up: side by side, each as tall as the row', async () => {
    const page = await open('#v=2&paths=200');
    await settled(page);
    const boxes = await page.locator('.charts [data-chart]').evaluateAll((es) => es.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    const rows = new Map<number, DOMRect[]>();
    for (const b of boxes) rows.set(Math.round(b.top), [...(rows.get(Math.round(b.top)) ?? []), b]);
    const pairs = [...rows.values()].filter((r) => r.length === 2);
    expect(pairs.length).toBeGreaterThanOrEqual(3); // solvency and bad debt, price and liquidated, fund and metrics
    for (const [a, b] of pairs) expect(Math.round(a.height)).toBe(Math.round(b.height));
  });

  it('draws partial results on the charts in view; one out of view gets them when scrolled to', async () => {
    const page = await open('#v=2&paths=100000');
    const solvency = page.locator('[data-chart="solvency"] path[data-series]').first();
    const fund = page.locator('[data-chart="fund"] path[data-series="fund"]');
    await page.waitForSelector('[data-chart="solvency"].partial');
    await fund.waitFor({ state: 'attached' });
    expect((await fund.boundingBox())!.y).toBeGreaterThan(900); // below the fold
    const [inView, outOfView] = [await solvency.getAttribute('d'), await fund.getAttribute('d')];
    // A later partial result redraws the chart in view and leaves the one out of view as it was.
    await expect.poll(() => solvency.getAttribute('d'), { timeout: 60_000 }).not.toBe(inView);
    expect(await page.locator('[data-status="running"]').count()).toBe(1);
    expect(await fund.getAttribute('d')).toBe(outOfView);
    // In view, it draws the latest partial result at once.
    await fund.scrollIntoViewIfNeeded();
    await expect.poll(() => fund.getAttribute('d')).not.toBe(outOfView);
    expect(await page.locator('[data-status="running"]').count()).toBe(1);
    expect(await page.locator('[data-chart="fund"].partial').count()).toBe(1);
    await page.click('.progress button');
    await page.waitForSelector('[data-status="cancelled"]');
  });

  for (const [name, viewport] of [['1280x720', { width: 1280, height: 720 }], ['tablet', { width: 820, height: 1180 }]] as const) {
    it(`fits a ${name} screen without sideways scrolling`, async () => {
      const page = await open('', { viewport });
      await settled(page);
      await page.waitForSelector('[data-chart="cascade-curve"]');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      const solvency = (await page.locator('[data-chart="solvency"]').boundingBox())!;
      expect(solvency.width).toBeGreaterThan(viewport.width > 1000 ? 350 : 600);
      await shot(page, `layout-${name}`);
    });
  }

  it('switches to the dark theme and remembers it', async () => {
    const page = await open();
    await settled(page);
    await page.selectOption('[data-action="theme"]', 'dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(17, 20, 24)');
    await page.waitForSelector('[data-chart="cascade-curve"]');
    await shot(page, 'theme-dark', { fullPage: true });
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });

  it('logs no console error and makes no request to another origin', () => {
    const errors = pages.flatMap((p) => p.consoleErrors);
    if (errors.length) console.log([...new Set(errors)].slice(0, 5));
    expect(errors).toEqual([]);
    expect(pages.flatMap((p) => p.foreignRequests)).toEqual([]);
  });
});
