// An imported price series (issue 16): read strictly with a message per bad line, turned into the
// core's per-step offsets, and run as the fundamental: every path on the series itself, or the series
// as the drift with the simulated noise around it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as A from '../../assembly/shared/abi';
import { encodeParams } from '../../src/engine/params';
import { planRun } from '../../src/engine/plan';
import { decodeTrace } from '../../src/engine/trace';
import { parseSeries, seriesOffsets, seriesSpan } from '../../src/imports/series';
import { jsKernel, records, runJs, runWasm, summaryOf } from '../helpers/core';
import { scenario } from '../helpers/scenarios';

const SAMPLE = readFileSync(new URL('../../public/samples/generated-crash.csv', import.meta.url), 'utf8');

describe('reading a price series', () => {
  it('takes seconds or dates, commas, semicolons or tabs, a header and comments', async () => {
    const a = await parseSeries('time,price\n0,100\n60,90\n120,95\n', 'a.csv');
    expect(a.errors).toEqual([]);
    expect(a.series!.times).toEqual([0, 60, 120]);
    const b = await parseSeries('# a comment\n2025-10-10T21:00:00Z;100\n2025-10-10T21:01:00Z;90\n2025-10-10T21:02:00Z;95', 'b.csv');
    expect(b.series!.times).toEqual([0, 60, 120]);
    expect(b.series!.fingerprint).toBe(a.series!.fingerprint); // the same series, however written
    const c = await parseSeries('1000\t100\n1060\t91', 'c.tsv');
    expect(c.series!.times).toEqual([0, 60]);
    expect(c.series!.fingerprint).not.toBe(a.series!.fingerprint);
    const sample = await parseSeries(SAMPLE, 'generated-crash.csv');
    expect(sample.errors).toEqual([]);
    expect(sample.series!.times.length).toBe(24 * 60 + 1);
  });

  it('names every bad line and keeps nothing of a bad file', async () => {
    const r = await parseSeries('time,price\n0,100\n60,-5\n0,90\nnoon,90\n180,1e400\n240\n', 'bad.csv');
    expect(r.series).toBeUndefined();
    expect(r.errors).toEqual([
      { line: 3, message: '"-5" is not a positive price' },
      { line: 4, message: 'times must increase from row to row' },
      { line: 5, message: expect.stringContaining('"noon" is not a time') },
      { line: 6, message: '"1e400" is not a positive price' },
      { line: 7, message: 'expected a time and a price' },
    ]);
    expect((await parseSeries('', 'empty.csv')).errors).toEqual([{ line: 0, message: expect.stringContaining('at least two rows') }]);
    expect((await parseSeries('0,100', 'one.csv')).errors).toHaveLength(1);
  });

  it('turns into log offsets per step: exact on the rows, linear in log price between, held after the last', () => {
    const s = { times: [0, 100, 200], prices: [100, 50, 200] };
    const o = seriesOffsets(s, 5, 50);
    expect(o[0]).toBe(0);
    expect(o[2]).toBeCloseTo(Math.log(0.5), 14);
    expect(o[1]).toBeCloseTo(Math.log(0.5) / 2, 14);
    expect(o[4]).toBeCloseTo(Math.log(2), 14);
    expect(o[5]).toBeCloseTo(Math.log(2), 14);
    expect(seriesSpan(o)).toBeCloseTo(Math.log(2), 14);
  });
});

describe('the series in the core', () => {
  const base = { jumpsOn: false, horizon: 86400, dt: 60, paths: 64, positions: 300, shockDepth: 0 };

  it('imported: every path follows the series exactly, from the start price', async () => {
    const series = seriesOffsets((await parseSeries(SAMPLE, 's')).series!, 1440, 60);
    const s = scenario({ ...base, pricePath: 'imported', S0: 3000 });
    const chunk = await runWasm(s, 0, s.paths, { series });
    const rs = records(s, chunk);
    for (const r of rs) expect(Array.from(r)).toEqual(Array.from(rs[0]));
    const k = jsKernel(s, s.paths, { series });
    const trace = decodeTrace(k.trace(5), s.dt);
    trace.fundamental.forEach((F, t) => expect(Math.abs(F / (3000 * Math.exp(series[t])) - 1)).toBeLessThan(1e-12));
    // The price bands were widened for the series: its 35% fall is inside them.
    expect(planRun(s, seriesSpan(series)).bands[A.Q_FUNDAMENTAL].lo).toBeLessThan(Math.log(0.65));
    expect(encodeParams(s, { series })[A.P_SERIES_MODE]).toBe(A.SERIES_ALONE);
    // Asked for but not loaded: the simulated path runs.
    expect(encodeParams(s)[A.P_SERIES_MODE]).toBe(A.SERIES_NONE);
  });

  it('imported+noise: the simulated noise around the series, which its mean follows', async () => {
    const series = seriesOffsets((await parseSeries(SAMPLE, 's')).series!, 1440, 60);
    const s = scenario({ ...base, pricePath: 'imported+noise', sigma: 0.6, paths: 400 });
    const sum = await summaryOf(s, { series });
    const last = sum.bands.fundamental.mean.length - 1;
    // The median of log F_T / S0 is series(T) - sigma^2 T / 2: within a histogram bin (about 0.01) and the noise.
    const T = 1 / 365;
    const median = sum.bands.fundamental.levels[2][last];
    expect(Math.abs(Math.log(median / (s.S0 * Math.exp(series[1440] - (0.6 * 0.6 * T) / 2))))).toBeLessThan(0.02);
    // The spread around it is the simulated noise: the 5-95% band is about 2 x 1.645 sd wide.
    const width = Math.log(sum.bands.fundamental.levels[4][last] / sum.bands.fundamental.levels[0][last]);
    expect(width).toBeGreaterThan(0.8 * 2 * 1.645 * 0.6 * Math.sqrt(T));
    expect(width).toBeLessThan(1.2 * 2 * 1.645 * 0.6 * Math.sqrt(T));
    // wasm and JS give the same bits with a series.
    const small = { ...s, paths: 6 };
    expect(Array.from(await runWasm(small, 0, 6, { series }))).toEqual(Array.from(runJs(small, 0, 6, { series })));
  });
});
