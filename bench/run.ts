// `npm run bench`: every comparison in one process (1 vs 2 workers in one of its own, workers.ts), contenders alternating, medians of several
// repetitions. Writes bench/results.json and bench/results.md (the README's table), with the
// baseline of bench/baseline.json beside the figures it shares. `npm run bench -- table` only
// renders the table again from results.json; `npm run bench -- js floor` runs a subset, writing nothing
// (`drag`, `large`, `sweep` and `visit` time those alone in Chromium, a few times). `baseline` runs the core
// before the round of work, from git, run by run in turn with this one (bench/baseline-core.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { assetGrowth, growth, ladderVersusNaive, simulationVersusFloor, wasmVersusJs } from './core';
import { dragOnly, inChromium, largeOnly, sweepOnly, visitOnly } from './browser';
import { workerScalingApart } from './workers';
import { BASELINE_COMMIT, baselineAlternating } from './baseline-core';
import { sweepScaling } from './scale';

const only = process.argv.slice(2);
const redraw = only.includes('table');
// Each comparison starts on a collected heap (the script runs with --expose-gc): what one leaves
// behind is not collected during the next one's timing. (The JS run's garbage, collected during
// the pool's runs when they shared this process, took 1 vs 2 workers from 1.94–1.97× to 1.61×.)
const want = (name: string) => {
  const yes = !redraw && (only.length === 0 || only.includes(name));
  if (yes) (globalThis as { gc?: () => void }).gc?.();
  return yes;
};
const say = (s: string) => process.stderr.write(s + '\n');

const machine = { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString().slice(0, 10) };
const results: Record<string, unknown> = redraw ? JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8')) : { machine };
if (redraw) Object.assign(machine, results.machine);
if (want('baseline')) (say(`the core before the round (${BASELINE_COMMIT}) and now, alternating…`), (results.baselineCore = await baselineAlternating()));
if (want('js')) (say('wasm versus JS…'), (results.wasmVersusJs = await wasmVersusJs()));
if (want('floor')) (say('simulation versus its random numbers…'), (results.simulationVersusFloor = await simulationVersusFloor()));
if (want('ladder')) (say('ladder versus naive scan (up to 100k positions)…'), (results.ladderVersusNaive = await ladderVersusNaive()));
if (want('workers')) (say('1 versus 2 workers…'), (results.workerScaling = await workerScalingApart()));
if (want('growth')) (say('growth in paths and steps…'), (results.growth = await growth()));
if (want('assets')) (say('several assets…'), (results.assetGrowth = await assetGrowth()));
if (want('browser')) (say('headless Chromium…'), (results.chromium = await inChromium()));
if (want('scale')) (say('sweeps headless: cells, paths, shards…'), (results.sweepScaling = await sweepScaling()));
// Not part of a full run (it has them in 'browser'): quick looks at one figure, printed, not written.
if (only.includes('drag')) console.log(JSON.stringify(await dragOnly(), null, 1));
if (only.includes('large')) console.log(JSON.stringify(await largeOnly(), null, 1));
if (only.includes('sweep')) console.log(JSON.stringify(await sweepOnly(), null, 1));
if (only.includes('visit')) console.log(JSON.stringify(await visitOnly(), null, 1));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const r = results as any;
const f = (x: number, d = 1) => x.toFixed(d);
const rows: string[][] = [];
const row = (what: string, measured: string, target: string, met: boolean | null) => rows.push([what, measured, target, met === null ? '' : met ? 'met' : 'not met']);
// The figures before this round of work, measured on this machine by the same harness (baseline.json).
// A baseline from another processor is not shown beside these figures: it would not compare.
const baseline = (() => {
  try {
    const b = JSON.parse(readFileSync(new URL('./baseline.json', import.meta.url), 'utf8'));
    if (b.machine.cpu === machine.cpu && b.machine.cores === machine.cores) return b;
    say(`bench/baseline.json was measured on ${b.machine.cpu} (${b.machine.cores} cores), this is ${machine.cpu} (${machine.cores}): the table leaves it out`);
  } catch {
    // no baseline
  }
  return null;
})();
if (r.baselineCore?.rows) {
  // Both cores in this process, run by run in turn: the machine's drift hits both alike.
  const b = r.baselineCore;
  for (const x of b.rows) {
    row(`Core per path-step, ${x.scenario}: the core before the round (${b.commit}) vs now, ${b.pairs} adjacent runs of each in one process`, `${f(x.baseNs)} vs ${f(x.nowNs)} ns: **${f(x.speedup, 2)}×** faster (half the pairs ${f(x.iqr[0], 2)}–${f(x.iqr[1], 2)}×, all ${f(x.range[0], 2)}–${f(x.range[1], 2)}×)`, '≥ 3×', x.speedup >= 3);
  }
} else if (r.baselineCore?.skipped) row('Core per path-step, default scenario: the core before the round vs now', `not measured: ${r.baselineCore.skipped}`, '≥ 3×', null);
if (r.wasmVersusJs) {
  const t = r.wasmVersusJs;
  row('wasm core vs the same source run as JS (default scenario)', `${f(t.wasmNsPerPathStep)} vs ${f(t.jsNsPerPathStep)} ns per path-step: **${f(t.speedup, 2)}×**; results identical in counts, money within ${t.sameResults.relGap.toExponential(0)} of scale`, '≥ 4×', t.speedup >= 4);
}
if (r.ladderVersusNaive) {
  const l = r.ladderVersusNaive;
  const a = l.rows[0], b = l.rows[l.rows.length - 1];
  const same = l.rows.every((x: { identical: boolean }) => x.identical);
  row('Ladder vs naive scan, 1k → 100k positions', `ladder ${f(a.ladderMs, 2)} → ${f(b.ladderMs, 2)} ms (**${f(l.ladderGrowth, 2)}×**); naive ${f(a.naiveMs, 0)} → ${f(b.naiveMs, 0)} ms (${f(l.naiveGrowth, 0)}×); ${same ? 'identical results' : 'RESULTS DIFFER'}`, 'ladder growth ≤ 1.5×', l.ladderGrowth <= 1.5 && same);
}
for (const s of r.simulationVersusFloor ?? []) {
  row(`Simulation vs its normals alone (${s.scenario})`, `${f(s.simNsPerPathStep)} vs ${f(s.floorNsPerPathStep)} ns per path-step: **${f(s.ratio, 2)}×** the floor${s.iqr ? ` (half the pairs ${f(s.iqr[0], 2)}–${f(s.iqr[1], 2)}×)` : ''}`, '≤ 2.5×', s.ratio <= 2.5);
}
if (r.simulationVersusFloor?.length) {
  // The floor is the core's own draw of a path's normals (Threefry-2x32-20 and the ziggurat, in bulk,
  // with the scenario's draws: 32-bit words and 256 layers by default).
  const now = r.simulationVersusFloor[0].floorNsPerPathStep, b = r.baselineCore?.floor ?? null;
  row('Normals alone: Threefry-2x32-20 (SIMD), one 32-bit word each on the 256-layer ziggurat\'s fast path, as the core draws a path\'s', `**${f(now)} ns** each${b ? ` (before the round, the two drawn in turn in one process: ${f(b.baseNs)} against ${f(b.nowNs)} ns, **${f(b.ratio, 2)}×**)` : ''}`, '≤ 4 ns', now <= 4);
}
if (r.workerScaling) {
  const w = r.workerScaling;
  const spread = (q?: [number, number]) => (q ? ` (half the rounds ${f(q[0], 2)}–${f(q[1], 2)}×)` : '');
  // Older results (before 2026-12-07's fifteenth session) had two one-worker pools side by side as the reference.
  const ceiling = w.aloneOneMs
    ? `; for reference, the same chunks on the workers alone (one message each, nothing merged or summarised meanwhile): ${f(w.aloneOneMs, 0)} vs ${f(w.aloneTwoMs, 0)} ms, **${f(w.ceiling, 2)}×**${spread(w.ceilingIqr)}`
    : w.ceiling ? `; for reference, two one-worker runs side by side take ${f(w.sideBySideMs, 0)} ms: the machine gives **${f(w.ceiling, 2)}×** one's throughput${spread(w.ceilingIqr)}` : '';
  const rounds = w.rounds ? `, ${w.rounds} rounds` : '';
  row(`1 vs 2 workers (default scenario, warm pool${rounds})`, `${f(w.oneWorkerMs, 0)} vs ${f(w.twoWorkersMs, 0)} ms: **${f(w.speedup, 2)}×**${spread(w.speedupIqr)}; results ${w.identical ? 'bit-identical' : 'DIFFERENT'}${ceiling}`, '≥ 1.8×', w.speedup >= 1.8);
}
if (r.growth) {
  const g = r.growth;
  row('Growth in paths (250 → 2,000)', `exponent **${f(g.paths.exponent, 3)}**`, 'linear (1)', null);
  row('Growth in steps (360 → 2,880)', `exponent **${f(g.steps.exponent, 3)}** (a fixed cost per path makes short runs dearer per step)`, 'linear (1)', null);
}
if (r.assetGrowth) {
  const g = r.assetGrowth;
  for (const mode of ['cross', 'isolated']) {
    const xs = g.rows.filter((x: { marginMode: string }) => x.marginMode === mode).map((x: { assets: number; nsPerPathStep: number }) => `${x.assets}: ${f(x.nsPerPathStep, 0)}`).join(', ');
    const e = mode === 'cross' ? g.exponentCross : g.exponentIsolated;
    row(`Several assets alike, ${mode} margin (default scenario, 128 paths): ns per path-step by number of assets`, `${xs}; exponent **${f(e, 2)}** from 2 to 5 assets (1 is the one-asset model)`, 'about linear (1)', null);
  }
}
if (r.sweepScaling) {
  const s = r.sweepScaling;
  const c0 = s.cells[0], c1 = s.cells[s.cells.length - 1], p0 = s.paths[0], p1 = s.paths[s.paths.length - 1];
  row(`CLI sweep, 2 workers: ${c0.cells} → ${c1.cells} cells at 1,000 paths`, `${f(c0.seconds, 2)} → ${f(c1.seconds, 2)} s: ${f(c0.usPerCellPath, 0)} → ${f(c1.usPerCellPath, 0)} µs per cell-path`, 'linear in cells', null);
  row(`CLI sweep, 2 workers: 16 cells at ${p0.paths} → ${p1.paths} paths`, `${f(p0.seconds, 2)} → ${f(p1.seconds, 2)} s: ${f(p0.usPerCellPath, 0)} → ${f(p1.usPerCellPath, 0)} µs per cell-path`, 'linear in paths', null);
  const sh = s.shards.map((x: { shards: number; seconds: number }) => `${x.shards}: ${f(x.seconds, 1)} s`).join(', ');
  row('4×4 sweep at 1,000 paths as separate shard processes, 2 at a time, merged', `${sh}; ${f(s.processStartSeconds, 2)} s to start a process; shards hold ${f(s.shards[0].bytesPerCellPath, 0)} bytes per cell-path`, '', null);
  const pj = s.projection;
  row(`Projection: ${pj.sweep}`, `${f(pj.computeHoursOneNode, 0)} node-hours, about **${f(pj.wallMinutes100Nodes, 0)} min** on 100 nodes; ${f(pj.shardGiB, 1)} GiB of shards to merge`, '', null);
}
if (r.chromium) {
  const c = r.chromium;
  const run = (name: string, x: { firstPartialMs: number; completeMs: number; workers: number; peakWasmMemoryMiB: number }) =>
    row(`Chromium ${c.chromium}: ${name}`, `first partial result **${f(x.firstPartialMs / 1000, 2)} s**, complete **${f(x.completeMs / 1000, 2)} s**; ${x.workers} workers, peak wasm memory ${f(x.peakWasmMemoryMiB, 1)} MiB each`, '', null);
  run('default scenario, first visit', c.default);
  if (c.firstVisit) {
    const v = c.firstVisit, tasks = (n: number) => `${n} long task${n === 1 ? '' : 's'}`;
    const after = (x: { longTasks: number; longestMs: number }) => `${tasks(x.longTasks)}${x.longTasks ? `, the longest ${f(x.longestMs, 0)} ms` : ''}`;
    row(`Chromium ${c.chromium}: a first visit (${v.visits} of them): the page's load, then until every part has mounted and the first run is drawn, then each tab shown (${v.tabSwitches.shown} in all)`,
      `the load's own task **${f(v.loadTaskMs, 0)} ms** (${f(v.loadRange[0], 0)}–${f(v.loadRange[1], 0)}); after it, **${after(v.afterLoad)}** in all; on showing a tab, **${after(v.tabSwitches)}**`, 'no task > 50 ms after the load', v.afterLoad.longestMs <= 50 && v.tabSwitches.longestMs <= 50);
  }
  run('default scenario, another seed', c.defaultOtherSeed);
  run('heavy: 10,000 paths × 1,000 positions × 1 day at 10 s', c.heavy);
  if (c.leverChange) {
    const l = c.leverChange, b = baseline?.chromium?.leverChange;
    const before = b ? ` (baseline ${f(b.firstMs, 0)} and ${f(b.completeMs, 0)} ms)` : '';
    row(`Chromium ${c.chromium}: a lever change on a warm page (median of ${l.changes})`, `first redrawn result **${f(l.firstMs, 0)} ms** (${f(l.firstRange[0], 0)}–${f(l.firstRange[1], 0)}), complete **${f(l.completeMs, 0)} ms** (${f(l.completeRange[0], 0)}–${f(l.completeRange[1], 0)})${before}`, '≤ 100 ms / ≤ 500 ms', l.firstMs <= 100 && l.completeMs <= 500);
  }
  if (c.largeRun) {
    const l = c.largeRun;
    row(`Chromium ${c.chromium}: a run of ${l.paths.toLocaleString('en')} paths on a warm page, its partial results drawn as they come`, `complete in **${f(l.completeMs / 1000, 1)} s**; the page's long tasks meanwhile: **${l.longTasks}**, the longest ${f(l.longestMs, 0)} ms, ${f(l.longTaskMs, 0)} ms in all`, 'no task > 50 ms', l.longestMs <= 50);
  }
  for (const [name, d] of [['quiet machine', c.drag], ['the other core busy', c.dragBusy]] as const) {
    if (!d) continue;
    // Several drags (browser.ts, drags()): the median's, with the range and every drag's long tasks; one drag before.
    const several = d.drags ? `, the median of ${d.drags} drags: ${f(d.range[0], 2)}–${f(d.range[1], 2)}×` : '';
    const tasks = (n: number) => `${n} long task${n === 1 ? '' : 's'}`;
    const longTasks = d.drags ? `${tasks(d.longTasks)} in all, the longest ${f(d.longestMs, 0)} ms` : `${tasks(d.app.longTasks)}, the longest ${f(d.app.longestMs, 0)} ms`;
    row(`Chromium ${c.chromium}: a fast drag of the mmr slider (${d.moves} moves), ${name}`, `**${f(d.app.ms / 1000, 2)} s** against ${f(d.bare.ms / 1000, 2)} s on a bare slider (**${f(d.ratio, 2)}×**${several}); ${longTasks}`, '≤ 1.25×, no task > 50 ms', d.ratio <= 1.25 && (d.longestMs ?? d.app.longestMs) <= 50);
  }
  const coarse = c.sweep10x10.coarseMapMs ? `; the whole map, coarse, in **${f(c.sweep10x10.coarseMapMs / 1000, 1)} s**` : '';
  const before = baseline?.chromium?.sweep10x10 ? ` (baseline ${f(baseline.chromium.sweep10x10.ms / 1000, 1)} s)` : '';
  row(`Chromium ${c.chromium}: 10×10 sweep of the default scenario`, `**${f(c.sweep10x10.ms / 1000, 1)} s** (${f(c.sweep10x10.msPerCell, 0)} ms per cell)${before}${coarse}${c.sweep10x10.longTasks === undefined ? '' : `; the page's long tasks meanwhile: ${c.sweep10x10.longTasks}, the longest ${f(c.sweep10x10.longestMs, 0)} ms`}`, '≤ 10 s; coarse ≤ 2 s', c.sweep10x10.ms <= 10_000 && (c.sweep10x10.coarseMapMs ?? Infinity) <= 2000);
  if (c.optimiser) {
    const before = baseline?.chromium?.optimiser ? ` (baseline ${f(baseline.chromium.optimiser.ms / 1000, 1)} s)` : '';
    row(`Chromium ${c.chromium}: optimiser with its defaults on the default scenario`, `**${f(c.optimiser.ms / 1000, 1)} s** for ${c.optimiser.runs} runs (${f(c.optimiser.msPerRun, 0)} ms per run)${before}`, '≤ 10 s', c.optimiser.ms <= 10_000);
  }
}
const table = [
  `Measured on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.date}.`,
  '',
  '| Comparison | Measured | Target | |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
  '',
].join('\n');
if (only.length === 0 || redraw) {
  writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(new URL('./results.md', import.meta.url), table);
}
console.log(table);
