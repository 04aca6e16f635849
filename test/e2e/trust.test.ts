// No lever changes behind the user's back (issue 14): a rule between levers shows where the numbers
// are, the link keeps only what the user set, and the note goes when the cause does.
import { describe, expect, it } from 'vitest';
import { mounted, settled, useBrowser } from '../helpers/browser';
import { QUIET_MS } from '../../src/ui/address';

const chromium = useBrowser();
const { pages } = chromium;

describe('uncertainty', () => {
  it('every headline number carries its interval or standard error, and the metrics their standard errors', async () => {
    const { page } = await chromium.open('#v=2&paths=400&shockDepth=0.3');
    await settled(page);
    expect(await page.locator('[data-card="insolvency"] [data-error]').innerText()).toMatch(/^95%: [\d.]+% to [\d.]+%$/);
    expect(await page.locator('[data-card="bad-debt"] [data-error]').innerText()).toMatch(/^± \$[\d.]+\w? \/\n95%: \$[\d.]+\w? to \$[\d.]+\w?$/);
    expect(await page.locator('[data-card="amplification"] [data-error]').innerText()).toMatch(/^± [\d.]+×$/);
    expect(await page.locator('[data-card="trader-cost"] [data-error]').innerText()).toMatch(/^± \$/);
    // Each says what it is: the paths' error, for this book of positions (the seed draws it).
    for (const title of await page.locator('[data-card] [data-error]').evaluateAll((es) => es.map((e) => e.getAttribute('title') ?? ''))) {
      expect(title).toMatch(/standard error/);
      expect(title).toMatch(/for this book of positions/);
    }
    // Every row of the metrics table, each an estimate from the paths.
    const rows = page.locator('[data-metric] td');
    expect(await rows.count()).toBeGreaterThan(10);
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(/ ± /);
    // Each solvency curve is a share of the paths: a band of its 95% interval, read with the value.
    expect(await page.locator('[data-chart="solvency"] [data-band]').count()).toBe(3);
    const plot = page.locator('[data-chart-keys="solvency"]');
    await plot.focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('[data-chart="solvency"] .tooltip').innerText()).toMatch(/Insolvent \(uncovered bad debt\)\s*[\d.]+% \(95%: [\d.]+% to [\d.]+%\)/);
  });
});

describe('headline errors', () => {
  it('show whole at a common laptop width: no part of one is clipped', async () => {
    // The default scenario, whose bad-debt interval ($4.29M to $6.05M) once lost its end at 1280 px.
    const { page } = await chromium.open('#v=2', { viewport: { width: 1280, height: 800 } });
    await settled(page);
    const parts = await page.locator('[data-card] [data-error], [data-card] [data-error] span').all();
    expect(parts.length).toBeGreaterThanOrEqual(4);
    for (const part of parts) {
      expect(await part.evaluate((e) => e.scrollWidth <= e.clientWidth), await part.innerText()).toBe(true);
    }
  });
});

describe('charts without a mouse', () => {
  it('read their values from the keyboard, and open a data table', async () => {
    const { page } = await chromium.open('#v=2&paths=300');
    await settled(page);
    const plot = page.locator('[data-chart-keys="solvency"]');
    await plot.focus();
    await page.keyboard.press('End');
    const tooltip = page.locator('[data-chart="solvency"] .tooltip');
    await expect.poll(() => tooltip.innerText()).toMatch(/\d/);
    const atEnd = await tooltip.innerText();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => tooltip.innerText()).not.toBe(atEnd);
    await page.keyboard.press('Escape');
    await expect.poll(() => tooltip.count()).toBe(0);
    // Every chart with hover values has a table of them, reachable by Tab and Enter.
    const table = page.locator('[data-chart-table="solvency"]');
    await table.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(50);
    expect(await table.locator('tbody tr').first().locator('td').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-chart-table]').count()).toBeGreaterThanOrEqual(5);
  });
});

describe('one way to write a number', () => {
  it('reads every numeric input in the unit beside it, and refuses the ambiguous with a reason', async () => {
    const { page } = await chromium.open('#v=2&paths=200&view=designer');
    await settled(page);
    // The sweep's range is in percent, as the sandbox: 2 to 6 means 2% to 6%.
    const from = page.locator('[data-input="sweep-x-from"]');
    await from.fill('2');
    await from.press('Tab');
    await page.locator('[data-input="sweep-x-to"]').fill('6%');
    await page.locator('[data-input="sweep-x-to"]').press('Tab');
    await page.locator('[data-input="sweep-x-from"]').fill('2,5');
    await page.locator('[data-input="sweep-x-from"]').press('Tab');
    expect(await page.locator('[data-input-message="sweep-x-from"]').innerText()).toMatch(/ambiguous/);
    await page.locator('[data-input="sweep-x-to"]').fill('90');
    await page.locator('[data-input="sweep-x-to"]').press('Tab');
    expect(await page.locator('[data-input-message="sweep-x-to"]').innerText()).toBe('90% is above the maximum; using 50%');
    expect(await page.locator('[data-input="sweep-x-from"] ~ .unit').first().innerText()).toBe('%');
    // The planner: the same forms.
    const notional = page.locator('[data-planner-input="notional"]');
    await notional.fill('20M');
    await expect.poll(() => page.locator('[data-planner-facts]').innerText()).toMatch(/units over/);
    expect(await page.locator('[data-planner-error]').count()).toBe(0);
    await notional.fill('2,5');
    await expect.poll(() => page.locator('[data-planner-error="notional"]').innerText()).toMatch(/ambiguous/);
    await notional.fill('1,500,000');
    await expect.poll(() => page.locator('[data-planner-error]').count()).toBe(0);
    // The sandbox: the same forms, and the same refusal.
    await page.click('[data-tab="sandbox"]');
    await page.fill('#field-mmr', '2,5');
    await page.press('#field-mmr', 'Enter');
    await expect.poll(() => page.locator('[data-field="mmr"] .error').innerText()).toMatch(/"2,5" is ambiguous/);
    expect(new URL(page.url()).hash).not.toContain('mmr=');
    await page.fill('#field-mmr', '2.5%');
    await page.press('#field-mmr', 'Enter');
    await page.waitForFunction(() => location.hash.includes('mmr=0.025'));
    expect(await page.locator('[data-field="mmr"] .error').count()).toBe(0);
  });
});

describe('a phone', () => {
  it('shows the headline whole and the first chart above the fold; the levers open in a drawer with targets of 24 px', async () => {
    const { page } = await chromium.open('#v=2&paths=400', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await settled(page);
    await page.waitForSelector('[data-chart="solvency"] svg');
    const layout = await page.evaluate(() => {
      const shown = (e: Element) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility === 'visible';
      };
      const controls = [...document.querySelectorAll('button, input, select, summary, a[href]')].filter(shown);
      return {
        pageWidth: document.documentElement.scrollWidth,
        clipped: [...document.querySelectorAll('[data-card] [data-value], [data-card] [data-error]')].filter((e) => e.scrollWidth > e.clientWidth).length,
        chartTop: document.querySelector('[data-chart="solvency"]')!.getBoundingClientRect().top,
        leverShown: shown(document.querySelector('#field-mmr')!),
        small: controls.filter((e) => e.getBoundingClientRect().height < 24 || e.getBoundingClientRect().width < 24).map((e) => e.outerHTML.slice(0, 80)),
      };
    });
    expect(layout.pageWidth).toBeLessThanOrEqual(390);
    expect(layout.clipped).toBe(0);
    expect(layout.chartTop).toBeLessThan(844 - 150); // the chart starts well inside the first screen
    expect(layout.leverShown).toBe(false); // the levers wait in their drawer, not in a scroll box in the page
    expect(layout.small).toEqual([]);
    // Open the drawer: focus moves into it, a lever there changes the run, and the headline stays in view.
    await page.locator('[data-levers-toggle]').tap();
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-levers-close'))).toBe(true);
    await page.waitForFunction(() => getComputedStyle(document.querySelector('#field-mmr')!).visibility === 'visible');
    const inDrawer = await page.evaluate(() =>
      [...document.querySelectorAll('aside button, aside input, aside select, aside summary')]
        .filter((e) => e.getBoundingClientRect().height > 0)
        .filter((e) => e.getBoundingClientRect().height < 24 || e.getBoundingClientRect().width < 24)
        .map((e) => e.outerHTML.slice(0, 100)),
    );
    expect(inDrawer).toEqual([]);
    await page.fill('#field-mmr', '2');
    await page.press('#field-mmr', 'Enter');
    await page.waitForFunction(() => location.hash.includes('mmr=0.02'));
    await settled(page);
    const card = (await page.locator('[data-card="insolvency"]').boundingBox())!;
    const drawer = (await page.locator('aside').boundingBox())!;
    expect(card.y + card.height).toBeLessThanOrEqual(drawer.y);
    // Escape closes it and gives focus back to its button.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-levers-toggle'))).toBe(true);
    await page.waitForFunction(() => getComputedStyle(document.querySelector('aside')!).visibility === 'hidden');
    // The theory chart of the single-position preset fits too (its grid column once grew to 581 px).
    await page.evaluate(() => (location.hash = '#v=2&preset=single-position&paths=400'));
    await page.waitForSelector('[data-chart="theory"] svg');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'theory').toBeLessThanOrEqual(390);
    // The other views fit the phone too (the replay's chart once grew itself to 2,900 px).
    for (const [tab, ready] of [['replay', '[data-chart="replay"] svg'], ['designer', '[data-planner-table]']]) {
      await page.locator(`[data-tab="${tab}"]`).tap();
      await page.waitForSelector(ready);
      await page.waitForTimeout(300); // a chart that sizes itself from its box has had frames to do so
      expect(await page.evaluate(() => document.documentElement.scrollWidth), tab).toBeLessThanOrEqual(390);
    }
  });
});

describe('rules between levers', () => {
  it('raising the maintenance margin past the initial margin and back leaves a clean link', async () => {
    const { page } = await chromium.open('#v=2&paths=200');
    await settled(page);
    const setMmr = async (text: string) => {
      await page.fill('#field-mmr', text);
      await page.press('#field-mmr', 'Enter');
    };
    await setMmr('20');
    await page.waitForFunction(() => location.hash === '#v=2&mmr=0.2&paths=200');
    await expect.poll(() => page.locator('[data-clamp="imr"]').textContent()).toMatch(/^Runs as 30%: the initial margin \(5%\) must exceed the maintenance margin \(20%\)/);
    expect(await page.locator('[data-clamp-note="imr"]').textContent()).toMatch(/^Initial margin: /);
    expect(await page.inputValue('#field-imr')).toBe('5'); // the lever itself is as the user left it
    await settled(page);
    await setMmr('3');
    await page.waitForFunction(() => location.hash === '#v=2&paths=200');
    await expect.poll(() => page.locator('[data-clamp]').count()).toBe(0);
    expect(await page.locator('[data-clamps]').count()).toBe(0);
    await settled(page);
  });

  it('a slider dragged away and back, or arrow keys up and down, give back the start value and a clean link', async () => {
    const { page } = await chromium.open('#v=2&paths=200');
    await settled(page);
    const slider = page.locator('[data-field="mmr"] input[type="range"]');
    const start = await slider.inputValue();
    const drag = (to: string) => slider.evaluate((el, v) => {
      (el as HTMLInputElement).value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, to);
    // A hand-moved slider's changes reach the address once they pause (address.ts), and so do
    // changes that follow them at once: wait for the value and the link together, then past the
    // address's pause, so that a late write of a wrong value would show.
    const back = () => page.waitForFunction(() => location.hash === '#v=2&paths=200' && (document.querySelector('#field-mmr') as HTMLInputElement).value === '3');
    for (const pos of ['900', '600', '300', start]) await drag(pos);
    // Let go, as a hand does: the slider's last value reaches the app at once (FieldControl).
    await slider.dispatchEvent('change');
    await back();
    await page.focus('#field-mmr');
    for (const key of ['ArrowUp', 'ArrowUp', 'ArrowDown', 'ArrowDown']) await page.keyboard.press(key);
    await back();
    await page.waitForTimeout(2 * QUIET_MS);
    expect(await page.evaluate(() => location.hash)).toBe('#v=2&paths=200');
    expect(await page.inputValue('#field-mmr')).toBe('3');
    await settled(page);
  });

  it('marks the sweep cells whose run a rule acted on, and says what it did', async () => {
    const { page } = await chromium.open('#v=2&paths=100&view=designer&sweep=pInsolvent;mmr:0.01:0.1:10;penalty:0:0.04:10');
    await page.waitForSelector('[data-sweep-status="done"]', { timeout: 60_000 });
    await mounted(page);
    expect(await page.locator('[data-cell][data-clamped]').count()).toBe(60); // mmr 5% to 10%, ten penalties each
    expect(await page.locator('[data-sweep-clamps]').innerText()).toMatch(/no lever was changed/);
    await page.locator('[data-cell="9,0"]').dispatchEvent('pointerenter');
    expect(await page.locator('[data-tip-clamp="imr"]').textContent()).toMatch(/Initial margin: the initial margin \(5%\) must exceed the maintenance margin \(10%\)/);
    // Axis labels are rounded to three significant digits (0.444%, not 0.444444%).
    const ticks = await page.locator('[data-chart="sweep"] .tick').allTextContents();
    expect(ticks).toContain('0.444%');
    expect(ticks.every((t) => t.replace(/\D/g, '').replace(/^0+/, '').length <= 3)).toBe(true);
    expect(pages.flatMap((p) => p.consoleErrors)).toEqual([]);
  });

  it('over one lever, draws each point with its 95% interval and marks the points a rule acted on', async () => {
    const { page } = await chromium.open('#v=2&paths=400&view=designer&sweep=pInsolvent;mmr:0.01:0.1:10');
    await page.waitForSelector('[data-sweep-status="done"]', { timeout: 60_000 });
    await mounted(page);
    const whiskers = page.locator('[data-chart="sweep"] [data-whisker]');
    expect(await whiskers.count()).toBe(10);
    // The interval of the first point (1% margin, some paths insolvent) spans its point.
    const [y1, y2] = (await Promise.all(['y1', 'y2'].map((a) => whiskers.first().getAttribute(a)))).map(Number);
    const cy = Number(await page.locator('[data-chart="sweep"] [data-cell="0,0"]').getAttribute('cy'));
    expect(Math.min(y1, y2)).toBeLessThan(cy);
    expect(Math.max(y1, y2)).toBeGreaterThanOrEqual(cy);
    expect(await page.locator('[data-chart="sweep"] circle[data-clamped]').count()).toBe(6); // mmr 5% to 10%
  });
});
