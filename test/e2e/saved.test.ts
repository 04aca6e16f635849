// Saved scenarios in real Chromium and its real IndexedDB: save, rename, delete, reload, export and
// import, corrupted storage set aside, a malformed import that changes nothing, a worker crash.
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { settled, shot, useBrowser } from '../helpers/browser';

const chromium = useBrowser();

const names = (page: Page) => page.locator('[data-saved="open"]').allInnerTexts();

async function saveAs(page: Page, name: string) {
  const before = (await names(page)).length;
  await page.fill('[data-saved="name"]', name);
  await page.click('[data-saved="save"]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-saved="open"]').length === n, before + 1);
}

async function setLever(page: Page, id: string, value: string, hash: string) {
  await page.fill(`#field-${id}`, value);
  await page.press(`#field-${id}`, 'Enter');
  await page.waitForFunction((h) => location.hash.includes(h), hash);
}

/** A fresh browser profile's page on the app, ready for the saved list. */
async function fresh(hash = '#v=2&paths=300'): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const w = await chromium.open(hash);
  await w.page.waitForSelector('[data-saved="ready"]');
  return { page: w.page, context: w.page.context(), errors: w.consoleErrors };
}

describe('saved scenarios', () => {
  it('saves, renames, deletes, survives a reload, and opens a saved scenario', async () => {
    const { page } = await fresh();
    await setLever(page, 'mmr', '4', 'mmr=0.04');
    await saveAs(page, 'Four percent');
    await setLever(page, 'mmr', '2', 'mmr=0.02');
    await saveAs(page, 'Two percent');
    await saveAs(page, '<b>not bold</b>');
    expect(await names(page)).toEqual(['Four percent', 'Two percent', '<b>not bold</b>']);
    // A name is only ever text.
    expect(await page.locator('[data-saved-item] b').count()).toBe(0);
    await page.click('[data-saved-item="Two percent"] [data-saved="rename"]');
    await page.fill('[data-saved="rename-input"]', 'Two percent, renamed');
    await page.press('[data-saved="rename-input"]', 'Enter');
    await page.waitForFunction(() => document.body.textContent!.includes('Two percent, renamed'));
    await page.click('[data-saved-item="<b>not bold</b>"] [data-saved="delete"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-saved="open"]').length === 2);
    await page.reload();
    await page.waitForSelector('[data-saved="ready"]');
    expect(await names(page)).toEqual(['Four percent', 'Two percent, renamed']);
    await shot(page, 'saved-scenarios');
    await page.click('[data-saved-item="Four percent"] [data-saved="open"]');
    await page.waitForFunction(() => location.hash.includes('mmr=0.04'));
    expect(new URL(page.url()).hash.split('&').sort()).toEqual(['#v=2', 'mmr=0.04', 'paths=300']);
    await settled(page);
    expect(await page.locator('#field-mmr').inputValue()).toBe('4');
  });

  it('exports a file that imports into another browser profile, and a malformed file changes nothing', async () => {
    const a = await fresh('#v=2&paths=300&sigma=1.2');
    await saveAs(a.page, 'Volatile');
    const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.click('[data-saved="export"]')]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(JSON.parse(text).scenarios[0]).toMatchObject({ name: 'Volatile', fields: { paths: '300', sigma: '1.2' } });

    const b = await fresh();
    await saveAs(b.page, 'Already here');
    const put = (body: string) => b.page.setInputFiles('[data-saved="file"]', { name: 'scenarios.json', mimeType: 'application/json', buffer: Buffer.from(body) });
    // Malformed: not JSON, then one hostile entry among good ones. Nothing changes; the reason shows.
    await put('{"format": "cascade-lab.scenarios", "version": 1, "scenarios": [');
    await expect.poll(() => b.page.locator('[data-saved="problems"]').innerText()).toMatch(/Nothing was imported:\s+the file is not JSON/);
    const hostile = JSON.parse(text);
    hostile.scenarios.push({ name: 'Huge', fields: { paths: '1e12' } });
    await put(JSON.stringify(hostile));
    await expect.poll(() => b.page.locator('[data-saved="problems"]').innerText()).toMatch(/scenario 2: "Huge": paths/);
    expect(await names(b.page)).toEqual(['Already here']);
    // The exported file itself imports.
    await put(text);
    await b.page.waitForFunction(() => document.querySelectorAll('[data-saved="open"]').length === 2);
    expect(await names(b.page)).toEqual(['Already here', 'Volatile']);
    expect(await b.page.locator('[data-saved="message"]').innerText()).toBe('Imported 1 scenario.');
  });

  it('sets corrupted records aside with a message, keeps the good ones, and the app still runs', async () => {
    const { page, errors } = await fresh();
    await saveAs(page, 'Good one');
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('cascade-lab');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('scenarios', 'readwrite');
            const store = tx.objectStore('scenarios');
            store.add({ name: 'Tampered', link: '#v=2&paths=1e12' });
            store.add({ garbage: [1, 2, 3] });
            store.add({ name: 'No link', link: 42 });
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.reload();
    await page.waitForSelector('[data-saved="ready"]');
    const problems = await page.locator('[data-saved="problems"]').innerText();
    expect(problems).toMatch(/3 saved scenarios were unreadable and set aside/);
    expect(problems).toMatch(/"Tampered": paths/);
    expect(await names(page)).toEqual(['Good one']);
    await settled(page);
    // Set aside, not lost: the quarantine store holds them; a further reload is quiet.
    const quarantined = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('cascade-lab');
          open.onsuccess = () => {
            const req = open.result.transaction('quarantine').objectStore('quarantine').count();
            req.onsuccess = () => (open.result.close(), resolve(req.result));
          };
        }),
    );
    expect(quarantined).toBe(3);
    await page.reload();
    await page.waitForSelector('[data-saved="ready"]');
    expect(await page.locator('[data-saved="problems"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('says when an import is too large, lists 10,000 stored records at once and caps how many are kept', async () => {
    const { page, errors } = await fresh();
    await saveAs(page, 'Mine');
    await page.setInputFiles('[data-saved="file"]', { name: 'big.json', mimeType: 'application/json', buffer: Buffer.alloc(1_500_000, 32) });
    await expect.poll(() => page.locator('[data-saved="problems"]').innerText()).toMatch(/the file is 1\.5 MB; an import may be at most 1 MB/);
    // 10,000 valid records, as another program or an older version might have left.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('cascade-lab');
          open.onsuccess = () => {
            const tx = open.result.transaction('scenarios', 'readwrite');
            for (let i = 0; i < 10_000; i++) tx.objectStore('scenarios').add({ name: `Stored ${i}`, link: `#v=2&mmr=0.0${(i % 4) + 1}`, savedAt: '2026-11-01T00:00:00.000Z' });
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.reload();
    await page.waitForSelector('[data-saved="ready"]', { timeout: 10_000 });
    expect(await page.locator('[data-saved="open"]').count()).toBe(1000);
    expect(await page.locator('[data-saved="problems"]').innerText()).toMatch(/9,001 more saved scenarios are stored than the 1000 listed/);
    await page.fill('[data-saved="name"]', 'One too many');
    await page.click('[data-saved="save"]');
    await expect.poll(() => page.locator('[data-saved="problems"]').innerText()).toMatch(/keeps at most 1000 saved scenarios/);
    expect(errors).toEqual([]);
  });

  it('keeps saved scenarios and the edited scenario through a worker crash and a reload', async () => {
    const { page } = await fresh();
    await settled(page);
    await saveAs(page, 'Before the crash');
    // Crash every worker: an uncaught error in the worker's global scope.
    const workers = page.workers();
    expect(workers.length).toBeGreaterThan(0);
    const replaced: unknown[] = [];
    page.on('worker', (w) => replaced.push(w));
    for (const w of workers) await w.evaluate(() => setTimeout(() => { throw new Error('simulated worker crash'); }));
    // The pool notices each death and starts a replacement.
    await expect.poll(() => replaced.length).toBe(workers.length);
    await setLever(page, 'mmr', '2', 'mmr=0.02');
    await settled(page);
    expect(await page.locator('[data-run-error]').count()).toBe(0);
    await page.reload();
    await page.waitForSelector('[data-saved="ready"]');
    expect(new URL(page.url()).hash).toBe('#v=2&mmr=0.02&paths=300');
    expect(await page.locator('#field-mmr').inputValue()).toBe('2');
    expect(await names(page)).toEqual(['Before the crash']);
  });
});
