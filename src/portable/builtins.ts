// Runs the portable core (assembly/*.ts) as JS: defines the AssemblyScript builtins it uses
// (declared in ./ambient.d.ts) on globalThis, with wasm's semantics for the values the core
// produces. Import this before any file of assembly/ (src/portable/core.ts does).
const g = globalThis as Record<string, unknown>;

if (g.ASC_FEATURE_SIMD === undefined) {
  Object.assign(g, {
    f64: (x: number) => +x,
    i32: (x: number) => x | 0,
    u32: (x: number) => x >>> 0,
    i8: (x: number) => (x << 24) >> 24,
    u8: (x: number) => x & 0xff,
    max: Math.max,
    min: Math.min,
    rotl: (x: number, r: number) => ((x << r) | (x >>> (32 - r))) >>> 0,
    unchecked: <T>(x: T): T => x,
    inline: () => undefined,
    ASC_FEATURE_SIMD: false,
    // The engine's heartbeat after each path (an import of the wasm): nobody listens in JS.
    pathDone: () => undefined,
    // The host's exp, log, ...; the tests set AssemblyScript's own before this runs (ambient.d.ts).
    NativeMath: g.NativeMath ?? Math,
    // Every StaticArray the core makes holds f64, i32, u32, i8 or u8 values: all exact in a double.
    StaticArray: function StaticArray(length: number) {
      return new Float64Array(length);
    },
  });
}
