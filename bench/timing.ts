// Timing for the benchmarks: contenders run alternately (A B A B ...) so drift in the machine's
// speed hits both alike; the median of the repetitions is reported.
import { performance } from 'node:perf_hooks';

export type Contender = () => unknown | Promise<unknown>;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Milliseconds per contender: the median of `reps` alternating runs, after one warm-up each. */
export async function alternate<K extends string>(contenders: Record<K, Contender>, reps: number): Promise<Record<K, number>> {
  const keys = Object.keys(contenders) as K[];
  const times = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (const k of keys) await contenders[k]();
  for (let r = 0; r < reps; r++) {
    for (const k of keys) {
      const t0 = performance.now();
      await contenders[k]();
      times[k].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, median(times[k])])) as Record<K, number>;
}

/** The first and third quartiles (nearest rank). */
export function quartiles(xs: number[]): [number, number] {
  const s = [...xs].sort((a, b) => a - b), q = (p: number) => s[Math.round(p * (s.length - 1))];
  return [q(0.25), q(0.75)];
}

/** Milliseconds one call of f takes. */
export function msOf(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

/**
 * ns per step of two contenders and the ratio a / b (per step): `pairs` adjacent runs, the order
 * swapped from pair to pair, after warm-up runs past V8's tiering up. The machine's speed drifts by
 * a fifth within minutes, so each pair gives a ratio: their median, interquartile range and range.
 */
export function inTurn(a: () => unknown, aSteps: number, b: () => unknown, bSteps: number, pairs: number) {
  for (let i = 0; i < 20; i++) (a(), b());
  const as: number[] = [], bs: number[] = [], ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    let ta: number, tb: number;
    if (i & 1) (ta = msOf(a), (tb = msOf(b)));
    else (tb = msOf(b), (ta = msOf(a)));
    as.push((ta * 1e6) / aSteps);
    bs.push((tb * 1e6) / bSteps);
    ratios.push(ta / aSteps / (tb / bSteps));
  }
  return { a: median(as), b: median(bs), ratio: median(ratios), iqr: quartiles(ratios), range: [Math.min(...ratios), Math.max(...ratios)] as [number, number] };
}

/** Least-squares slope of log(y) on log(x): the growth exponent (1 = linear). */
export function exponent(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log), ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b) / lx.length, my = ly.reduce((a, b) => a + b) / ly.length;
  let num = 0, den = 0;
  lx.forEach((x, i) => {
    num += (x - mx) * (ly[i] - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}
