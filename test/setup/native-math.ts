// Unit tests run the core as JS with AssemblyScript's own exp, log, log1p, expm1 and pow (the
// build/math.wasm module, from assembly/wasm/math.ts) in place of V8's, so the JS run of the core
// computes every value to the same bit as the wasm, and the tests can demand exact equality.
// Runs before each test file, before src/portable/builtins.ts, which keeps what it finds here.
import { readFileSync } from 'node:fs';

const bytes = readFileSync(new URL('../../build/math.wasm', import.meta.url));
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { abort() { throw new Error('math.wasm aborted'); } } });
(globalThis as Record<string, unknown>).NativeMath = exports;
