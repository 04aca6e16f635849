// The built app in real Chromium: it loads, draws the solvency curve, the link follows the levers,
// a reloaded link gives identical numbers, a broken field says so, and nothing goes to another origin.
import { describe, expect, it } from 'vitest';
import { decodeLink } from '../../src/link';
import { digest } from '../../src/ui/digest';
import { settled, shot, useBrowser, type Watched } from '../helpers/browser';
import { nodePool } from '../helpers/pool';

const chromium = useBrowser();
const { pages } = chromium;

async function open(hash = ''): Promise<Watched> {
  const w = await chromium.open(hash);
  return w;
}

const card = (w: Watched, id: string) => w.page.locator(`[data-card="${id}"] [data-value]`).innerText();
const digestOf = (w: Watched) => w.page.locator('main').getAttribute('data-digest');

describe('the sandbox', () => {
  it('loads, runs the default scenario and draws the solvency curve', async () => {
    const w = await open();
    await settled(w.page);
    const d = await w.page.locator('[data-series="solvencyCurve"]').getAttribute('d');
    expect(d).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){10,}/);
    expect(await card(w, 'insolvency')).toMatch(/^\d+\.\d\d%$/);
    expect(await digestOf(w)).toMatch(/^[0-9a-f]{16}$/);
    await shot(w.page, 'sandbox');
  });

  it('puts a changed maintenance margin in the link and in the numbers', async () => {
    const w = await open();
    await settled(w.page);
    const before = { digest: await digestOf(w), badDebt: await card(w, 'bad-debt') };
    const input = w.page.locator('#field-mmr');
    await input.fill('1');
    await input.press('Enter');
    await w.page.waitForFunction(() => location.hash.includes('mmr=0.01'));
    await settled(w.page);
    await w.page.waitForFunction((d) => document.querySelector('main')?.getAttribute('data-digest') !== d && document.querySelector('main')?.getAttribute('data-digest') !== '', before.digest);
    expect(new URL(w.page.url()).hash).toBe('#v=2&mmr=0.01');
    expect(await digestOf(w)).not.toBe(before.digest);
    expect(await card(w, 'bad-debt')).not.toBe(before.badDebt);
  });

  it('shows identical numbers when the link is reloaded', async () => {
    const hash = '#v=2&mmr=0.02&penalty=0.015&oracleLatency=30&paths=1500';
    const a = await open(hash);
    await settled(a.page);
    const first = { digest: await digestOf(a), cards: await a.page.locator('.cards').innerText() };
    await a.page.reload();
    await settled(a.page);
    expect(await digestOf(a)).toBe(first.digest);
    expect(await a.page.locator('.cards').innerText()).toBe(first.cards);
    const b = await open(hash); // a fresh tab, fresh workers
    await settled(b.page);
    expect(await digestOf(b)).toBe(first.digest);
  });

  it('gives a link made before v=2 the numbers it gave then, and writes the draws it needs into the address', async () => {
    // ae799749d9d11e8f: this link's digest in the build before v=2 (59eb44c), in Node and in the browser.
    const w = await open('#v=1&mmr=0.02&penalty=0.015&paths=600');
    await settled(w.page);
    expect(await digestOf(w)).toBe('ae799749d9d11e8f');
    expect(await w.page.evaluate(() => location.hash)).toBe('#v=2&mmr=0.02&penalty=0.015&normalBits=64&paths=600');
    // The same levers with today's draws are another sample of the same model.
    const now = await open('#v=2&mmr=0.02&penalty=0.015&paths=600');
    await settled(now.page);
    expect(await digestOf(now)).not.toBe('ae799749d9d11e8f');
  });

  it('computes its summaries in a worker of its own, with the numbers a run in Node gives', async () => {
    const hash = '#v=2&mmr=0.02&penalty=0.015&paths=1500';
    const w = await open(hash);
    await settled(w.page);
    expect(w.page.workers().map((x) => x.url()).filter((u) => /summary-worker/.test(u))).toHaveLength(1);
    const pool = nodePool(2); // summaries in this thread
    try {
      const { summary } = await pool.run(decodeLink(hash).scenario);
      expect(await digestOf(w)).toBe(digest(summary));
    } finally {
      pool.dispose();
    }
  });

  it('says which link field is broken, uses its default and applies the rest', async () => {
    const w = await open('#v=2&mmr=banana&penalty=0.02');
    await settled(w.page);
    await expect.poll(() => w.page.locator('[data-notice]').innerText()).toMatch(/mmr.*not a number; using the default 3%/s);
    expect(await w.page.locator('[data-field="mmr"] .error').innerText()).toMatch(/not a number/);
    expect(await w.page.locator('#field-mmr').inputValue()).toBe('3');
    expect(await w.page.locator('#field-penalty').inputValue()).toBe('2');
  });

  it('logs no console error and makes no request to another origin', () => {
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.flatMap((p) => p.consoleErrors)).toEqual([]);
    expect(pages.flatMap((p) => p.foreignRequests)).toEqual([]);
  });
});
