// Hardening in real Chromium: link text is shown only as text, the Content-Security-Policy forbids
// eval and inline script, extreme levers draw no NaN, and no request leaves the app's origin.
import { describe, expect, it } from 'vitest';
import { settled, useBrowser } from '../helpers/browser';

const chromium = useBrowser();
const { pages } = chromium;
async function open(hash: string) {
  const w = await chromium.open(hash);
  return w;
}

const HOSTILE = [
  '%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E=1',
  'mechanism=%3Cscript%3Ewindow.__pwned%3D2%3C%2Fscript%3E',
  'preset=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D3%22%3E',
  'sweep=%3Csvg%20onload%3D%22window.__pwned%3D4%22%3E',
].join('&');

describe('hardening', () => {
  it('shows hostile link text as text, never as markup', async () => {
    const { page } = await open(`#v=2&${HOSTILE}`);
    await settled(page);
    const notice = page.locator('[data-notice]');
    await expect.poll(() => notice.innerText()).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await notice.innerText()).toMatch(/mechanism expected one of full, partial, dutch, amm/);
    expect(await page.locator('main img, main script, [data-notice] svg').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // The app still runs the rest of the scenario.
    expect(await page.locator('[data-card="insolvency"] [data-value]').innerText()).toMatch(/%$/);
  });

  it('is served with the headers a host must send: CSP, no framing, no sniffing, no referrer', async () => {
    const { page } = await open('#v=2&paths=300');
    const response = await page.reload();
    const headers = response!.headers();
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval';.*frame-ancestors 'none'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    // A page that frames the app is refused.
    const framed = await page.evaluate(async () => {
      const f = document.createElement('iframe');
      f.src = location.href;
      document.body.append(f);
      await new Promise((r) => setTimeout(r, 1500));
      try {
        return f.contentDocument?.querySelector('main') ? 'loaded' : 'blocked';
      } catch {
        return 'blocked';
      }
    });
    expect(framed).toBe('blocked');
  });

  it('runs under a CSP that allows wasm but forbids eval, new Function and inline script, in the page and its workers', async () => {
    const { page } = await open('#v=2&paths=300');
    await settled(page);
    // Tried from a timer, as the page's own code would: DevTools' evaluation itself is exempt from CSP.
    const tryEval = () =>
      new Promise<string[]>((resolve) =>
        setTimeout(() => {
          const tried: string[] = [];
          for (const run of [() => eval('1 + 1'), () => new Function('return 1')()]) {
            try {
              run();
              tried.push('ran');
            } catch (e) {
              tried.push((e as Error).name);
            }
          }
          resolve(tried);
        }, 0),
      );
    expect(await page.evaluate(tryEval)).toEqual(['EvalError', 'EvalError']);
    const workers = page.workers();
    expect(workers.length).toBeGreaterThan(0);
    for (const w of workers) expect(await w.evaluate(tryEval)).toEqual(['EvalError', 'EvalError']);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    // Injected inline script is refused, and the refusal is reported as a CSP violation.
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 100));
      return { ran: (window as unknown as { __inline?: number }).__inline === 1, violations };
    });
    expect(outcome.ran).toBe(false);
    expect(outcome.violations).toContain('script-src-elem');
  });

  it('draws no NaN and no error for levers at their extremes', async () => {
    const corners = [
      '#v=2&paths=200&leverageMean=200&imr=0.002&mmr=0.001&sigma=5&depth1pct=1000&insuranceFund=0&oracleLatency=3600',
      '#v=2&paths=200&sigma=0&jumpsOn=0&depth1pct=100000000000&insuranceFund=1000000000000&S0=0.01',
      '#v=2&paths=200&mechanism=dutch&sigma=5&jumpsPerDay=100&jumpMean=-1&jumpStd=1&auctionDuration=86400&liquidatorCapacity=0',
      '#v=2&paths=200&mechanism=amm&S0=10000000&ammLiquidity=1000&sigma=5&leverageMean=200&imr=0.002&mmr=0.001',
      '#v=2&paths=200&mechanism=partial&closeFactor=0.01&maxLiquidationPerStep=1000&shockDepth=0.95&shockDuration=0&dt=3600&horizon=2592000',
    ];
    for (const hash of corners) {
      const w = await open(hash);
      await settled(w.page);
      await w.page.waitForSelector('[data-chart] svg');
      const text = await w.page.evaluate(() => {
        const parts: string[] = [document.querySelector('main')!.innerText];
        for (const el of document.querySelectorAll('main svg *')) for (const a of el.getAttributeNames()) parts.push(el.getAttribute(a) ?? '');
        return parts.join('\n');
      });
      expect(text, hash).not.toMatch(/NaN|Infinity|undefined/);
      expect(await w.page.locator('[data-run-error]').count(), hash).toBe(0);
    }
  });

  it('saw no request to any other origin and no console error', () => {
    const foreign = pages.flatMap((p) => p.foreignRequests);
    const errors = pages.flatMap((p) => p.consoleErrors).filter((e) => !/Content Security Policy/.test(e));
    console.log(`requests to other origins: ${foreign.length} over ${pages.length} pages`);
    expect(pages.length).toBe(8); // every page this file opened
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });
});
