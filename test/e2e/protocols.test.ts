// Protocol rules in the page (issue 16): a crash under a protocol's rules from a link, each value
// with its source and date, a lever changed since marked, the rules picked from the menu, forgotten
// without changing a lever, and a bad name reported by field.
import { describe, expect, it } from 'vitest';
import { PROTOCOLS } from '../../src/protocols';
import { settled, shot, useBrowser } from '../helpers/browser';

const chromium = useBrowser();
const { pages } = chromium;

describe('protocol rules', () => {
  it("open a crash under a protocol's rules, each value with its source, date and confidence", async () => {
    const { page } = await chromium.open('#v=2&preset=black-thursday&rules=maker-eth-a&mmr=0.4&paths=300');
    await settled(page);
    expect(await page.locator('[data-preset="black-thursday"]').count()).toBe(1);
    const note = page.locator('[data-rules="maker-eth-a"]');
    expect(await note.innerText()).toMatch(/protocol rules on Black Thursday/);
    await note.locator('summary').click();
    const maker = PROTOCOLS.find((p) => p.id === 'maker-eth-a')!;
    // With a preset, the rules only: the crash keeps its book.
    expect(await note.locator('[data-provenance-row]').count()).toBe(Object.keys(maker.rules).length);
    expect(await note.locator('[data-provenance-row="auctionCut"]').innerText()).toMatch(/Cut per stair\s+0\.99×\s+cut 0\.99 per stair\s+2025/);
    expect(await note.locator('[data-provenance-row="oracleLatency"] a').getAttribute('href')).toMatch(/^https:\/\/github\.com\/makerdao\/osm/);
    // The maintenance margin was changed in the link: the row says so.
    expect(await note.locator('[data-provenance-row="mmr"] [data-changed]').innerText()).toMatch(/now 40%/);
    expect(await note.locator('[data-provenance-row="auctionCut"] [data-changed]').count()).toBe(0);
    expect(await note.locator('[data-not-modelled]').innerText()).toMatch(/^Not modelled: .*hole/);
    await shot(page, 'protocol-rules');
  });

  it('pick rules from the menu, then forget their name without changing a lever', async () => {
    const { page } = await chromium.open('#v=2&paths=300');
    await settled(page);
    await page.selectOption('[data-action="presets"]', 'rules:aave-v3-weth');
    await page.waitForFunction(() => location.hash.includes('rules=aave-v3-weth'));
    await settled(page);
    expect(await page.inputValue('#field-mechanism')).toBe('aave');
    const note = page.locator('[data-rules="aave-v3-weth"]');
    await note.locator('summary').click();
    // Alone, the rules bring their users' book, marked as an assumption.
    expect(await note.locator('[data-provenance-row="leverageMean"]').getAttribute('data-confidence')).toBe('unconfirmed');
    expect(await note.locator('[data-provenance-row="oracleHeartbeat"]').innerText()).toMatch(/not confirmed/);
    await note.getByRole('button', { name: 'Hide the protocol note' }).click();
    await page.waitForFunction(() => !location.hash.includes('rules='));
    expect(await page.evaluate(() => location.hash)).toMatch(/mechanism=aave.*liquidatorShare=0\.9/);
    expect(await page.inputValue('#field-mechanism')).toBe('aave');
  });

  it('compares ADL by pro rata and by queue on the same paths: the queue hits few winners and overshoots', async () => {
    const { page } = await chromium.open('#v=2&preset=october-10-2025&positions=1000&paths=200');
    await settled(page);
    await page.click('[data-action="compare-adl"]');
    await page.waitForSelector('[data-adl-rule="queue"]', { timeout: 60_000 });
    expect(await page.locator('[data-adl-rule="pro-rata"] [data-overshoot]').innerText()).toBe('$0');
    expect(await page.locator('[data-adl-rule="queue"] [data-overshoot]').innerText()).toMatch(/^\$[1-9]/);
    const hit = async (r: string) => Number(await page.locator(`[data-adl-rule="${r}"] [data-hit]`).innerText());
    expect(await hit('queue')).toBeLessThan(await hit('pro-rata'));
    expect(await page.locator('[data-adl-why]').innerText()).toMatch(/The queue closed [\d.]+ winners per path in full/);
    await page.locator('[data-adl-rules]').scrollIntoViewIfNeeded();
    await shot(page, 'adl-rules');
  });

  it('a name no protocol has is reported by field, and the rest of the link applies', async () => {
    const { page } = await chromium.open('#v=2&rules=nonesuch&mmr=0.04&paths=200');
    await settled(page);
    expect(await page.locator('[data-notice]').innerText()).toMatch(/rules\s+no protocol's rules are called "nonesuch"/);
    expect(await page.inputValue('#field-mmr')).toBe('4');
    expect(await page.locator('[data-rules]').count()).toBe(0);
    expect(pages.flatMap((p) => p.consoleErrors)).toEqual([]);
    expect(pages.flatMap((p) => p.foreignRequests)).toEqual([]);
  });
});
