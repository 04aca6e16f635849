// A price series of one's own (issue 16): imported from a file or the shipped sample, run as the
// fundamental, named in the link and found again after a reload; a malformed file is refused line
// by line with nothing changed; a link naming a series this browser lacks says so.
import { describe, expect, it } from 'vitest';
import { settled, shot, useBrowser } from '../helpers/browser';

const chromium = useBrowser();
const { pages } = chromium;

describe('an imported price series', () => {
  it('runs the sample as every path, puts its fingerprint in the link, and finds it again after a reload', async () => {
    const { page } = await chromium.open('#v=2&paths=200&positions=300');
    await settled(page);
    await page.click('[data-series-action="sample"]');
    await page.waitForSelector('[data-series-loaded]');
    await page.waitForFunction(() => /series=[0-9a-f]{16}/.test(location.hash) && location.hash.includes('pricePath=imported'));
    await settled(page);
    const fp = await page.locator('[data-series-loaded]').getAttribute('data-series-loaded');
    expect(await page.inputValue('#field-pricePath')).toBe('imported');
    expect(await page.locator('[data-series-loaded]').innerText()).toMatch(/generated-crash\.csv: 1,441 prices over 24 h/);
    await shot(page, 'series-imported');
    await page.reload();
    await page.waitForSelector(`[data-series-loaded="${fp}"]`);
    await settled(page);
    expect(await page.locator('[data-notice]').count()).toBe(0);
    await page.click('[data-series-remove]');
    await page.waitForFunction(() => !location.hash.includes('series='));
    expect(await page.locator('[data-series-missing]').innerText()).toMatch(/simulated path runs/);
  });

  it('refuses a malformed file line by line and changes nothing', async () => {
    const { page } = await chromium.open('#v=2&paths=200');
    await settled(page);
    const before = await page.evaluate(() => location.hash);
    await page.setInputFiles('[data-series-file]', { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('time,price\n0,100\n60,lots\n120\n') });
    const errors = page.locator('[data-series-errors]');
    await errors.waitFor();
    expect(await errors.innerText()).toMatch(/broken\.csv was not imported, nothing changed:\s*line 3: "lots" is not a positive price\s*line 4: expected a time and a price/);
    expect(await page.evaluate(() => location.hash)).toBe(before);
    expect(await page.locator('[data-series-loaded]').count()).toBe(0);
  });

  it('says when a link names a series this browser does not have, and runs the simulated path', async () => {
    const { page } = await chromium.open('#v=2&pricePath=imported&series=0123456789abcdef&paths=200');
    await settled(page);
    await expect.poll(() => page.locator('[data-notice]').innerText()).toMatch(/series\s+this link runs an imported price series \(fingerprint 0123456789abcdef\) that this browser does not have/);
    expect(await page.locator('[data-series-missing]').count()).toBe(1);
    expect(pages.flatMap((p) => p.consoleErrors)).toEqual([]);
    expect(pages.flatMap((p) => p.foreignRequests)).toEqual([]);
  });
});

describe('an imported book', () => {
  it('runs a file of positions, hides the levers that would generate one, and comes back with a saved scenario', async () => {
    const { page } = await chromium.open('#v=2&paths=200&shockDepth=0.2');
    await settled(page);
    await page.click('summary:text-is("Book of positions")');
    const csv = ['side,size,entry,leverage', ...Array.from({ length: 40 }, (_, i) => `${i % 4 ? 'long' : 'short'},${10 + i},${1980 + i},${3 + (i % 10)}`)].join('\n');
    await page.setInputFiles('[data-book-file]', { name: 'desk.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForSelector('[data-book-loaded]');
    await page.waitForFunction(() => /book=[0-9a-f]{16}/.test(location.hash) && location.hash.includes('bookSource=imported'));
    await settled(page);
    expect(await page.locator('[data-book-loaded]').innerText()).toMatch(/desk\.csv: 40 positions \(30 long, 10 short\), local to this browser/);
    expect(await page.locator('#field-positions').count()).toBe(0); // generated-book levers are not shown
    const fp = await page.locator('[data-book-loaded]').getAttribute('data-book-loaded');
    await page.fill('[data-saved] input, input[placeholder="Name this scenario"]', 'my desk');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-saved="open"]');
    await page.click('[data-book-remove]');
    await page.waitForFunction(() => !location.hash.includes('book='));
    await page.click('[data-saved="open"]');
    await page.waitForSelector(`[data-book-loaded="${fp}"]`);
    await page.waitForFunction((f) => location.hash.includes(`book=${f}`), fp);
  });

  it('refuses a malformed book row by row and changes nothing', async () => {
    const { page } = await chromium.open('#v=2&paths=200');
    await settled(page);
    const before = await page.evaluate(() => location.hash);
    await page.click('summary:text-is("Book of positions")');
    await page.setInputFiles('[data-book-file]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('[{"side":"long","size":1,"entry":2000,"margin":100},{"side":"up","size":1,"entry":2000,"margin":100}]') });
    const errors = page.locator('[data-book-errors]');
    await errors.waitFor();
    expect(await errors.innerText()).toMatch(/bad\.json was not imported, nothing changed:\s*row 2: side "up" is not long or short/);
    expect(await page.evaluate(() => location.hash)).toBe(before);
    expect(await page.inputValue('#field-bookSource')).toBe('generated');
  });
});
