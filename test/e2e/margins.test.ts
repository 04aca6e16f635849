// Clustered volatility and margins that look ahead (issue 17, items 4 and 5), in the page: the
// levers appear only under the choices they belong to, and the three margin rules are compared on
// the same paths, with what each asks of traders and the paired difference between the two
// volatility-adjusted ones.
import { describe, expect, it } from 'vitest';
import { settled, shot, useBrowser } from '../helpers/browser';

const chromium = useBrowser();
const { pages } = chromium;

describe('margin rules', () => {
  it('show GARCH and predictive levers only when chosen, and compare fixed, reactive and predictive margins', async () => {
    const { page } = await chromium.open('#v=2&paths=300&positions=300&volModel=garch&volOfVol=2&volClusterHalfLife=3600&sigma=1.2&leverageMean=12');
    await settled(page);
    expect(await page.locator('#field-volClusterHalfLife').count()).toBe(1);
    // Volatility-adjusted margins are off: their rule and its levers are hidden.
    expect(await page.locator('#field-marginForecast').count()).toBe(0);
    expect(await page.locator('#field-safetyMultiple').count()).toBe(0);
    await page.click('[data-action="compare-margins"]');
    await page.waitForSelector('[data-margin-why]', { timeout: 60_000 });
    const margin = async (r: string) => Number((await page.locator(`[data-margin-rule="${r}"] [data-margin-mean]`).innerText()).replace('%', ''));
    expect(await margin('fixed')).toBe(3);
    expect(await margin('reactive')).toBeGreaterThan(3);
    expect(await margin('predictive')).toBeGreaterThanOrEqual(3);
    expect(await page.locator('[data-margin-why]').innerText()).toMatch(/Against the reactive rule, the predictive one asked (more|less) margin by [\d.]+ percentage points \(± [\d.]+\) and left (less|more) bad debt by \$[\d.,]+[kMB]? per path \(± \$[\d.,]+[kMB]?\), on the same paths/);
    // The comparison did not change a lever: the link is as opened.
    expect(await page.evaluate(() => location.hash)).not.toMatch(/dynamicMargin|marginForecast/);
    await page.locator('[data-margin-rules]').scrollIntoViewIfNeeded();
    await shot(page, 'margin-rules');
    // Choosing the predictive rule shows its levers.
    await page.check('#field-dynamicMargin');
    await page.selectOption('#field-marginForecast', 'predictive');
    await page.waitForFunction(() => location.hash.includes('marginForecast=predictive'));
    expect(await page.locator('#field-safetyMultiple').count()).toBe(1);
    expect(await page.locator('#field-liquidationHorizon').count()).toBe(1);
    expect(pages.flatMap((p) => p.consoleErrors)).toEqual([]);
  });
});
