// exp with no call. The desk takes two on every close (the market price, the execution price), and
// in wasm a call makes the caller keep its floating-point values in memory around it: inlined, a
// default step is about 2% faster. The same code as NativeMath.exp, so the same bits
// (test/unit/inline-math.test.ts). (expm1's small arguments inlined the same way were no faster.)
import { exp_lut } from '~lib/util/math';

export class InlineMath {
  /** NativeMath.exp(x): its body, AssemblyScript's exp_lut, inlined (in JS: NativeMath.exp, src/portable/lib-math.ts). */
  @inline static exp(x: f64): f64 {
    return exp_lut(x);
  }
}
