import { readFileSync } from 'node:fs';
import { instantiateCore } from '../src/engine/kernel';
import { encodeParams } from '../src/engine/params';
import { scenario } from './core';
import { alternate } from './timing';
import { stepsOf } from '../src/scenario';
const mods = { prev: '/tmp/prev.wasm', now: 'build/cascade.wasm' };
const s = scenario({ paths: 256 });
const steps = stepsOf(s), n = s.paths * steps;
const c: Record<string, () => unknown> = {};
for (const [k, p] of Object.entries(mods)) {
  const kern = await instantiateCore(new WebAssembly.Module(readFileSync(p)), 65536);
  kern.setup(encodeParams(s), s.paths);
  c['sim_' + k] = () => kern.runChunkView(0, s.paths);
  c['nrm_' + k] = () => { let x = 0; for (let q = 0; q < s.paths; q++) x += kern.drawNormals(s.seed, q, steps, false); return x; };
}
for (let r = 0; r < 4; r++) {
  const t = await alternate(c, 5);
  console.log(Object.entries(t).map(([k, v]) => `${k} ${((v * 1e6) / n).toFixed(2)}`).join('  '));
}
