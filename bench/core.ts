// In-thread comparisons of the wasm core: against the same source run as JS, the ladder against a naive
// scan, the whole simulation against its random numbers alone, and growth in paths and steps.
import { readFileSync } from 'node:fs';
import * as A from '../assembly/shared/abi';
import { instantiateCore, type Kernel } from '../src/engine/kernel';
import { encodeParams, type EngineOptions } from '../src/engine/params';
import { planRun } from '../src/engine/plan';
import { JsKernel } from '../src/portable/core';
import { defaultScenario, stepsOf, type Scenario } from '../src/scenario';
import { validateScenario } from '../src/validate';
import { alternate, exponent, inTurn, median, msOf } from './timing';

const module = new WebAssembly.Module(readFileSync(new URL('../build/cascade.wasm', import.meta.url)));

export function scenario(changes: Partial<Scenario>): Scenario {
  const { scenario, errors } = validateScenario({ ...defaultScenario(), ...changes });
  if (errors.length) throw new Error(`bench scenario: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
  return scenario;
}

/** A kernel set up for one scenario; run() computes all its paths in one chunk. */
async function wasmRunner(s: Scenario, options: EngineOptions = {}) {
  const k: Kernel = await instantiateCore(module, 65536);
  k.setup(encodeParams(s, options), s.paths);
  return { run: () => k.runChunkView(0, s.paths), kernel: k };
}

const pathSteps = (s: Scenario) => s.paths * stepsOf(s);

/** Largest gap between two result buffers: counts (header, histograms) must match exactly; money to the run's scale. */
function jsGap(s: Scenario, w: Float64Array, r: Float64Array): { countsEqual: boolean; relGap: number } {
  const sums = A.HEADER + A.Q_COUNT * (planRun(s).grid + 1) * A.BINS;
  let countsEqual = w.length === r.length;
  for (let i = 0; i < sums && countsEqual; i++) countsEqual = w[i] === r[i];
  const scale = s.openInterest + s.insuranceFund;
  let relGap = 0;
  for (let i = sums; i < w.length; i++) relGap = Math.max(relGap, Math.abs(w[i] - r[i]) / scale);
  return { countsEqual, relGap };
}

export async function wasmVersusJs() {
  const s = scenario({ paths: 64 });
  const wasm = await wasmRunner(s);
  const js = new JsKernel();
  js.setup(encodeParams(s), s.paths);
  const gap = jsGap(s, wasm.run().slice(), js.runChunk(0, s.paths));
  const t = await alternate({ wasm: wasm.run, js: () => js.runChunk(0, s.paths) }, 7);
  const n = pathSteps(s);
  return {
    scenario: 'default, 64 paths',
    wasmNsPerPathStep: (t.wasm * 1e6) / n,
    jsNsPerPathStep: (t.js * 1e6) / n,
    speedup: t.js / t.wasm,
    sameResults: gap,
  };
}

/**
 * Cost against the number of positions at fixed paths and steps, in a calm market (no jumps, low
 * volatility and leverage) so that what grows is the per-step search for liquidatable positions,
 * not the liquidations themselves (their work is proportional to how many there are, either way).
 */
export async function ladderVersusNaive() {
  const sizes = [1_000, 3_000, 10_000, 30_000, 100_000];
  const rows = [];
  for (const positions of sizes) {
    const s = scenario({ positions, paths: 8, jumpsOn: false, sigma: 0.3, leverageMean: 3, leverageDispersion: 0 });
    const ladder = await wasmRunner(s);
    const naive = await wasmRunner(s, { naiveScan: true });
    const a = ladder.run().slice(), b = naive.run();
    // Results, not the work count (H_EXAMINED): the ladder's point is to examine fewer candidates.
    const same = a.length === b.length && a.every((v, i) => i === A.H_EXAMINED || v === b[i]);
    // The ladder's runs take a fraction of a millisecond, and the first after a pause of this
    // machine's (a naive run of seconds, or even one idle second) took 1-2 ms where the next took
    // 0.25: so each of its turns is nine runs, and its figure the median of all of them.
    const LADDER_RUNS = 9;
    const ladderTurn = () => Array.from({ length: LADDER_RUNS }, () => msOf(ladder.run));
    const ladderMs: number[] = [], naiveMs: number[] = [];
    ladderTurn();
    naive.run();
    for (let r = 0; r < (positions >= 30_000 ? 2 : 5); r++) {
      ladderMs.push(...ladderTurn());
      naiveMs.push(msOf(naive.run));
    }
    rows.push({ positions, ladderMs: median(ladderMs), naiveMs: median(naiveMs), identical: same });
  }
  return {
    scenario: 'default, 8 paths, 1 day at 60 s, calm: no jumps, 30% volatility, leverage 3 for all',
    rows,
    ladderGrowth: rows[rows.length - 1].ladderMs / rows[0].ladderMs,
    naiveGrowth: rows[rows.length - 1].naiveMs / rows[0].naiveMs,
  };
}

/**
 * The whole simulation against drawing the same number of normals alone (the floor): 40 adjacent
 * pairs of runs (timing.ts, inTurn), the ratio of each pair's, its median and spread.
 */
export async function simulationVersusFloor() {
  const out = [];
  for (const [name, changes] of [
    ['default', {}],
    ['one position, no jumps', { positions: 1, jumpsOn: false }],
  ] as const) {
    const s = scenario({ paths: 256, ...changes });
    const sim = await wasmRunner(s);
    const steps = stepsOf(s);
    const floor = () => {
      let x = 0;
      for (let p = 0; p < s.paths; p++) x += sim.kernel.drawNormals(s.seed, p, steps, s.normalBits === '64');
      return x;
    };
    const n = pathSteps(s);
    const t = inTurn(sim.run, n, floor, n, 40);
    out.push({ scenario: `${name}, 256 paths`, simNsPerPathStep: t.a, floorNsPerPathStep: t.b, ratio: t.ratio, iqr: t.iqr, range: t.range });
  }
  return out;
}

/** Time against paths (at fixed steps) and against steps (at fixed paths): fitted exponents. */
export async function growth() {
  const paths = [250, 500, 1000, 2000];
  const horizons = [6, 12, 24, 48].map((h) => h * 3600);
  const byPaths = [], bySteps = [];
  for (const p of paths) {
    const r = await wasmRunner(scenario({ paths: p }));
    byPaths.push((await alternate({ r: r.run }, 3)).r);
  }
  for (const h of horizons) {
    const r = await wasmRunner(scenario({ paths: 250, horizon: h }));
    bySteps.push((await alternate({ r: r.run }, 3)).r);
  }
  return {
    paths: { values: paths, ms: byPaths, exponent: exponent(paths, byPaths) },
    steps: { values: horizons.map((h) => h / 60), ms: bySteps, exponent: exponent(horizons, bySteps) },
  };
}

/**
 * Cost against the number of assets (docs/model.md §11): the default scenario with 1 to 5 assets,
 * all alike (each as asset 1, correlations at their default), so that only their number changes,
 * under cross and isolated margin. One asset is the one-asset model: what the several-asset model
 * costs on top shows beside it.
 */
export async function assetGrowth() {
  const counts = [1, 2, 3, 4, 5];
  const d = scenario({});
  const alike: Partial<Scenario> = {};
  for (let k = 2; k <= 5; k++) {
    Object.assign(alike, {
      [`a${k}Price`]: d.S0, [`a${k}Sigma`]: d.sigma, [`a${k}JumpsPerDay`]: d.jumpsPerDay, [`a${k}Depth`]: d.depth1pct,
      [`a${k}OpenInterest`]: d.openInterest, [`a${k}Mmr`]: d.mmr, [`a${k}Latency`]: d.oracleLatency,
      [`a${k}Deviation`]: d.oracleDeviation, [`a${k}Heartbeat`]: d.oracleHeartbeat,
    });
  }
  const rows: { marginMode: string; assets: number; nsPerPathStep: number }[] = [];
  for (const marginMode of ['cross', 'isolated'] as const) {
    for (const assets of counts) {
      const s = scenario({ ...alike, paths: 128, assets, marginMode });
      const r = await wasmRunner(s);
      const ms = (await alternate({ r: r.run }, 3)).r;
      rows.push({ marginMode, assets, nsPerPathStep: (ms * 1e6) / pathSteps(s) });
    }
  }
  const per = (mode: string) => {
    const r = rows.filter((x) => x.marginMode === mode && x.assets > 1);
    return exponent(r.map((x) => x.assets), r.map((x) => x.nsPerPathStep));
  };
  return { rows, exponentCross: per('cross'), exponentIsolated: per('isolated') };
}
