// Educator mode in real Chromium: every preset from the menu and from a link, the replay (play,
// step, scrub, a link to a moment) and the mechanism comparison.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encodeLink } from '../../src/link';
import { PRESETS, presetScenario } from '../../src/presets';
import { mounted, settled, shot, useBrowser } from '../helpers/browser';

const chromium = useBrowser();
const { pages } = chromium;

async function open(hash = ''): Promise<Page> {
  const w = await chromium.open(hash);
  return w.page;
}

const clock = (page: Page) => page.locator('[data-replay="clock"]').innerText();

describe('presets', () => {
  it('loads every preset from the menu, shows what to look at, and puts it in the link', async () => {
    const page = await open();
    await settled(page);
    for (const p of PRESETS) {
      await page.selectOption('[data-action="presets"]', p.id);
      await page.waitForFunction((id) => location.hash.startsWith(`#v=2&preset=${id}`), p.id);
      await settled(page);
      expect(await page.locator(`[data-preset="${p.id}"]`).innerText()).toContain(p.name);
      // Its sources are links a reader can open, not a path in the repository.
      expect(await page.locator(`[data-preset="${p.id}"]`).innerText()).not.toMatch(/docs\//);
      const hrefs = await page.locator(`[data-preset="${p.id}"] [data-preset-sources] a`).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs).toEqual((p.sources ?? []).map((x) => new URL(x.url).href));
      // The levers show the preset's values.
      const s = presetScenario(p);
      expect(Number((await page.locator('#field-mmr').inputValue()).replace(/,/g, ''))).toBeCloseTo(s.mmr * 100, 6);
      expect(await page.locator('[data-card="insolvency"] [data-value]').innerText()).toMatch(/%$/);
    }
  });

  it('opens a preset from a link, and gives the same numbers as its full list of levers', async () => {
    const p = PRESETS.find((x) => x.id === 'slow-oracle')!;
    const a = await open(`#v=2&preset=${p.id}`);
    await settled(a);
    expect(await a.locator(`[data-preset="${p.id}"]`).count()).toBe(1);
    const digest = await a.locator('main').getAttribute('data-digest');
    const b = await open(encodeLink(presetScenario(p)));
    await settled(b);
    expect(await b.locator('main').getAttribute('data-digest')).toBe(digest);
    await shot(a, 'preset-slow-oracle');
  });

  it('reports an unknown preset and keeps the rest of the link', async () => {
    const page = await open('#v=2&preset=no-such-thing&mmr=0.04');
    await settled(page);
    await expect.poll(() => page.locator('[data-notice]').innerText()).toMatch(/preset.*no preset is called "no-such-thing"/s);
    expect(await page.locator('#field-mmr').inputValue()).toBe('4');
  });
});

describe('replay', () => {
  it('plays, steps and scrubs one path, and keeps the moment in the link', async () => {
    const page = await open('#v=2&preset=tipping-point');
    await settled(page);
    await page.click('[data-tab="replay"]');
    await page.waitForSelector('[data-ladder]');
    expect(await clock(page)).toMatch(/^0 s \/ 12 h$/);
    // Step forward and back.
    await page.click('[data-replay="forward"]');
    expect(await clock(page)).toMatch(/^20 s \//);
    await page.click('[data-replay="back"]');
    expect(await clock(page)).toMatch(/^0 s \//);
    // Jump to the first wave: the log says what happened.
    await page.click('[data-replay="next-wave"]');
    await expect.poll(() => page.locator('[data-log] li').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-log] li').first().innerText()).toMatch(/liquidated: \$[\d.]+[kMB]? (sold|bought back) at/);
    // Scrub to the middle of the shock.
    const scrub = page.locator('[data-replay="scrub"]');
    await scrub.evaluate((el: HTMLInputElement) => {
      el.value = String(Math.round(7380 / 20));
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(await clock(page)).toMatch(/^2\.05 h/);
    await page.waitForFunction(() => location.hash.includes('at=7380'));
    expect(new URL(page.url()).hash).toMatch(/view=replay&replay=worst&at=7380/);
    await shot(page, 'replay-mid-cascade', { fullPage: true });
    // Play: time moves on, then pause.
    await page.selectOption('[data-replay="speed"]', '3600');
    await page.click('[data-replay="play"]');
    await page.waitForFunction(() => !document.querySelector('[data-replay="clock"]')?.textContent?.startsWith('2.05 h'));
    await page.click('[data-replay="play"]');
    const paused = await clock(page);
    await page.waitForTimeout(300);
    expect(await clock(page)).toBe(paused);
  });

  it('opens at the moment a link names', async () => {
    const page = await open('#v=2&preset=tipping-point&view=replay&replay=worst&at=7400');
    await page.waitForSelector('[data-ladder]');
    expect(await clock(page)).toMatch(/^2\.06 h \/ 12 h$/);
    expect(await page.locator('[data-log] li').count()).toBeGreaterThan(0);
    const rungs = await page.locator('[data-ladder] rect.long').count();
    expect(rungs).toBeGreaterThan(0);
    // Editing the moment in the address moves the open replay there.
    await page.evaluate(() => (location.hash = location.hash.replace('at=7400', 'at=3600')));
    await expect.poll(() => clock(page)).toMatch(/^1 h \/ 12 h$/);
  });

  it('replays any path by number, and the same numbers after a reload', async () => {
    const page = await open('#v=2&preset=fund-runs-dry&view=replay&replay=17&at=9000');
    await page.waitForSelector('[data-ladder]');
    expect(await page.locator('.path').innerText()).toBe('path #17');
    const fund = await page.locator('[data-fund-value]').innerText();
    await page.reload();
    await page.waitForSelector('[data-ladder]');
    expect(await page.locator('[data-fund-value]').innerText()).toBe(fund);
  });
});

describe('mechanism comparison', () => {
  it('runs the scenario under every mechanism on the same paths and shows them side by side', async () => {
    const page = await open('#v=2&preset=mechanisms&paths=800');
    await settled(page);
    await page.click('[data-action="compare-mechanisms"]');
    await page.waitForSelector('[data-mechanism="compound"]', { timeout: 60_000 });
    await mounted(page);
    for (const m of ['full', 'partial', 'dutch', 'amm', 'aave', 'hyperliquid', 'compound']) {
      expect(await page.locator(`[data-chart="mechanisms"] [data-series="${m}"]`).count(), m).toBe(1);
    }
    const cost = async (m: string) => Number((await page.locator(`[data-mechanism="${m}"] [data-cost]`).innerText()).replace(/[$,]/g, '').replace(/k$/, 'e3').replace(/M$/, 'e6'));
    expect(await cost('partial')).toBeLessThan(await cost('full'));
    // The surprising one says why it differs, with the scenario's own numbers.
    expect(await page.locator('[data-amm-why]').innerText()).toMatch(/pool of \$[\d.]+M \(against \$[\d.]+M of open interest\).*within 10\.0% of the market/);
    await page.locator('[data-mechanisms]').scrollIntoViewIfNeeded();
    await shot(page, 'mechanisms');
  });

  it("a comparison waits for the scenario's run, and a second one for the first, instead of cancelling them", async () => {
    const page = await open('#v=2'); // 4,000 paths: the run lasts long enough to be seen running
    await page.waitForSelector('[data-status="running"]');
    await expect.poll(() => page.locator('[data-mechanisms] [data-waits-for]').innerText()).toBe("waits for the scenario's run to finish");
    expect(await page.locator('[data-action="compare-mechanisms"]').isDisabled()).toBe(true);
    await settled(page);
    await page.click('[data-action="compare-mechanisms"]');
    const adl = page.locator('[data-action="compare-adl"]');
    await expect.poll(() => adl.isDisabled()).toBe(true);
    expect(await page.locator('[data-adl-rules] [data-waits-for]').innerText()).toBe('waits for the mechanism comparison to finish');
    await page.waitForSelector('[data-mechanism="compound"]', { timeout: 60_000 });
    await mounted(page);
    await expect.poll(() => adl.isDisabled()).toBe(false);
    expect(await page.locator('[data-adl-rules] [data-waits-for]').count()).toBe(0);
    await adl.click();
    await page.waitForSelector('[data-adl-rule="queue"]', { timeout: 60_000 });
    // The first comparison's results stand.
    expect(await page.locator('[data-mechanism]').count()).toBe(7);
    expect(await page.locator('[data-mechanisms]').innerText()).not.toMatch(/cancelled/);
  });

  it('logs no console error and makes no request to another origin', () => {
    expect(pages.flatMap((p) => p.consoleErrors)).toEqual([]);
    expect(pages.flatMap((p) => p.foreignRequests)).toEqual([]);
  });
});

describe('lessons', () => {
  it('walk through their steps: hidden levers are not in the page, locked ones do not move, a question is answered by the simulation', async () => {
    const page = await open('#v=2&lesson=oracle-latency&step=0');
    await settled(page);
    expect(await page.locator('[data-lesson="oracle-latency"]').getAttribute('data-lesson-step')).toBe('0');
    // What the step hides is not in the page, and the panel says that something is hidden.
    expect(await page.locator('#field-paths').count()).toBe(0);
    expect(await page.locator('[data-field="positions"]').count()).toBe(0);
    expect(await page.locator('[data-tab="designer"]').count()).toBe(0);
    expect(await page.locator('[data-hidden-count]').innerText()).toMatch(/This link hides \d+ levers and locks 2/);
    // A locked lever shows its value and cannot be changed, from its box or its arrow keys.
    expect(await page.locator('#field-shockDepth').isEditable()).toBe(false);
    await page.locator('#field-shockDepth').press('ArrowUp');
    await expect.poll(() => page.locator('[data-field="shockDepth"] [role="alert"]').innerText()).toMatch(/locked at this value by the link/);
    expect(await page.locator('#field-shockDepth').inputValue()).toBe('20');
    expect(await page.evaluate(() => location.hash)).not.toMatch(/shockDepth=/);
    // What to look at is outlined.
    expect(await page.locator('[data-card="insolvency"].lesson-look').count()).toBe(1);
    const before = await page.locator('[data-card="insolvency"] [data-value]').innerText();
    expect(Number(before.replace('%', ''))).toBeLessThan(1);
    // The answer: the simulation runs the scenario that shows it.
    await page.locator('[data-lesson-option="2"]').click();
    await expect.poll(() => page.locator('[data-lesson-verdict]').getAttribute('data-lesson-verdict')).toBe('right');
    await page.waitForFunction(() => location.hash.includes('oracleLatency=60'));
    await settled(page);
    expect(Number((await page.locator('[data-card="insolvency"] [data-value]').innerText()).replace('%', ''))).toBeGreaterThan(50);
    await shot(page, 'lesson-oracle');
    // Next, and Back; every step is a link.
    await page.locator('[data-lesson-action="next"]').click();
    await page.waitForFunction(() => /[&#]step=1(&|$)/.test(location.hash));
    expect(await page.locator('[data-lesson] h2').innerText()).toBe('Ten minutes late');
    await page.locator('[data-lesson-action="back"]').click();
    await page.waitForFunction(() => /[&#]step=0(&|$)/.test(location.hash));
    // Opened straight at step 2, with a change of the student's own on top.
    const direct = await open('#v=2&lesson=oracle-latency&step=1&oracleLatency=300');
    await settled(direct);
    expect(await direct.locator('[data-lesson] h2').innerText()).toBe('Ten minutes late');
    expect(await direct.locator('#field-oracleLatency').inputValue()).toBe('300');
    expect(await direct.locator('#field-shockDepth').getAttribute('readonly')).not.toBeNull();
    // Leaving the lesson keeps the scenario and shows every lever.
    await direct.locator('[data-lesson-action="leave"]').click();
    await direct.waitForSelector('#field-paths', { state: 'attached' });
    expect(await direct.evaluate(() => location.hash)).not.toMatch(/lesson=|hide=|lock=/);
  });

  it('are listed in the toolbar; an unknown lesson or step is named and the app stays usable', async () => {
    const page = await open();
    await settled(page);
    await page.selectOption('[data-action="lessons"]', 'fund-runs-dry');
    await page.waitForFunction(() => location.hash.includes('lesson=fund-runs-dry&step=0'));
    await page.waitForSelector('[data-chart="fund"].lesson-look');
    const bad = await open('#v=2&lesson=oracle-latency&step=9&hide=mmr,wings');
    await settled(bad);
    await expect.poll(() => bad.locator('[data-notice]').innerText()).toMatch(/step.*the lesson has steps 1 to 2; showing the first/s);
    expect(await bad.locator('[data-notice]').innerText()).toMatch(/hide.*"wings"/s);
    expect(await bad.locator('#field-mmr').count()).toBe(0);
  });
});

describe("a teacher's link", () => {
  it('is built in the page: hide a chart and a lever, lock another, and the link carries it to a student', async () => {
    const page = await open('#v=2&paths=300');
    await settled(page);
    await page.locator('[data-action="edit-visibility"]').click();
    await page.locator('[data-hide="chart:price"]').check();
    await page.locator('[data-hide="depth1pct"]').check();
    await page.locator('[data-lock="mmr"]').check();
    await page.locator('[data-hide="view:designer"]').check();
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('hide=depth1pct,chart:price,view:designer&lock=mmr'));
    const link = await page.evaluate(() => location.hash);
    const student = await open(link);
    await settled(student);
    expect(await student.locator('[data-chart="price"]').count()).toBe(0);
    expect(await student.locator('[data-chart="solvency"]').count()).toBe(1);
    expect(await student.locator('#field-depth1pct').count()).toBe(0);
    expect(await student.locator('[data-tab="designer"]').count()).toBe(0);
    expect(await student.locator('[data-field="mmr"][data-locked]').count()).toBe(1);
    expect(await student.locator('[data-hidden-count]').getAttribute('data-hidden-count')).toBe('1');
  });
});

describe('theory over the simulation', () => {
  it('the single-position preset makes the closed form its first chart, and the two agree within 3 standard errors', async () => {
    const page = await open('#v=2&preset=single-position');
    await settled(page);
    await page.waitForSelector('[data-chart="theory"] svg path[data-series="theory"]');
    const first = await page.locator('.charts [data-chart]').first().getAttribute('data-chart');
    expect(first).toBe('theory');
    expect(Number(await page.locator('[data-theory-fit]').getAttribute('data-theory-fit'))).toBeLessThanOrEqual(3);
    expect(await page.locator('[data-theory-fit]').innerText()).toMatch(/Liquidation price \$1,855\.67 .*\(within the noise;/s);
    await shot(page, 'theory-single-position');
    // A Dutch auction in the replay: its price by formula, and the simulated sales on it.
    const auction = await open('#v=2&mechanism=dutch&shockDepth=0.3&paths=200&positions=300&view=replay&replay=worst');
    await auction.waitForSelector('[data-chart="auction"] path[data-series="auction-formula"]', { timeout: 60_000 });
    expect(await auction.locator('[data-chart="auction"] circle[data-sale]').count()).toBeGreaterThan(0);
    expect(Number(await auction.locator('[data-auction-fit]').getAttribute('data-auction-fit'))).toBeLessThan(1e-9);
    // Where no closed form describes the scenario, none is drawn.
    const other = await open('#v=2&paths=200');
    await settled(other);
    expect(await other.locator('[data-chart="theory"]').count()).toBe(0);
  });
});
