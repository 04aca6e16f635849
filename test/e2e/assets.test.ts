// Several assets (issue 17, items 1-3 and 7), in the page: an asset's levers appear only when there
// are that many assets, a crash in asset 1 liquidates cross-margin accounts in asset 2 and the
// Markets chart says so with its error bars, and a one-asset lever several assets do not have is
// reported beside the numbers, not changed.
import { describe, expect, it } from 'vitest';
import { settled, shot, useBrowser } from '../helpers/browser';

const chromium = useBrowser();
const { pages } = chromium;

describe('several assets', () => {
  it('shows each asset’s levers only when it trades, and where a crash in one market liquidated the other', async () => {
    const { page } = await chromium.open('#v=2&paths=300&positions=300&shockDepth=0.25&shockStart=3600&leverageMean=10');
    await settled(page);
    expect(await page.locator('#field-a2Price').count()).toBe(0);
    expect(await page.locator('[data-assets-chart]').count()).toBe(0);
    await page.locator('nav summary', { hasText: /^Assets$/ }).click();
    await page.fill('#field-assets', '2');
    await page.press('#field-assets', 'Enter');
    await page.waitForFunction(() => location.hash.includes('assets=2'));
    await page.waitForSelector('[data-assets-chart] [data-asset]', { timeout: 60_000 });
    await settled(page);
    expect(await page.locator('#field-a2Price').count()).toBe(1);
    expect(await page.locator('#field-a3Price').count()).toBe(0);
    expect(await page.locator('#field-rho12').count()).toBe(1);
    const rows = page.locator('[data-assets-chart] [data-asset]');
    expect(await rows.count()).toBe(2);
    const text = await page.locator('[data-asset="2"]').innerText();
    // Asset 2's liquidations, with a standard error, mostly caused by asset 1's crash.
    expect(text).toMatch(/\$[\d.,]+[kMB]? ± \$[\d.,]+[kMB]?/);
    const share = Number(/\((\d+)%\)/.exec(text)?.[1]);
    expect(share).toBeGreaterThan(50);
    // Cross against isolated margin on the same paths, with the paired differences.
    await page.click('[data-action="compare-margin-modes"]');
    await page.waitForSelector('[data-margin-mode-why]', { timeout: 60_000 });
    expect(await page.locator('[data-margin-mode]').count()).toBe(2);
    expect(await page.locator('[data-margin-mode-why]').innerText()).toMatch(/Against cross margin, isolated margin liquidated (more|less) by \$[\d.,]+[kMB]? per path \(± \$[\d.,]+[kMB]?\) and left (less|more) bad debt by \$[\d.,]+[kMB]? \(± \$[\d.,]+[kMB]?\), on the same paths/);
    expect(await page.evaluate(() => location.hash)).not.toMatch(/marginMode/);
    await page.locator('[data-assets-chart]').scrollIntoViewIfNeeded();
    await shot(page, 'several-assets');
    // A one-asset mechanism: the run goes without it and says so; the lever keeps its value.
    await page.selectOption('#field-mechanism', 'dutch');
    await page.waitForFunction(() => location.hash.includes('mechanism=dutch'));
    await settled(page);
    expect(await page.locator('[data-clamp-note="mechanism"]').innerText()).toMatch(/several assets.*dutch is a one-asset mechanism/);
    expect(await page.evaluate(() => location.hash)).toMatch(/mechanism=dutch/);
    expect(pages.flatMap((p) => p.consoleErrors)).toEqual([]);
  });

  it('replays a path of several assets: asset 1’s prices and the accounts’ liquidations, and says what it leaves out', async () => {
    const { page } = await chromium.open('#v=2&preset=spill-over&paths=200&view=replay&replay=worst&at=43200');
    await page.waitForSelector('[data-replay-assets]', { timeout: 60_000 });
    expect(await page.locator('[data-replay-assets]').innerText()).toMatch(/follows asset 1's prices/);
    // The log tells the waves of account liquidations, across the assets.
    await page.waitForSelector('[data-log] li');
    expect(await page.locator('[data-log] li').first().innerText()).toMatch(/accounts? .*liquidated: \$[\d.,]+[kMB]? closed across the assets/);
    expect(pages.flatMap((p) => p.consoleErrors)).toEqual([]);
  });
});
