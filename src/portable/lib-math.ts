// What the core imports from AssemblyScript's standard library ('~lib/util/math', for
// assembly/inline-math.ts), for its JS run: the alias in tsconfig.json and vite.config.ts points
// here. exp_lut is the body of NativeMath.exp, so here it is NativeMath.exp.

export function exp_lut(x: number): number {
  return NativeMath.exp(x);
}
