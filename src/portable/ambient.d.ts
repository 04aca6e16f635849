// The AssemblyScript builtins the portable core (assembly/*.ts) uses, declared for TypeScript so
// that the same files type-check and run as JS. Their values are set by ./builtins.ts. Only what
// the core needs is here: a new builtin in the core must be added to both files.

declare type f64 = number;
declare type i32 = number;
declare type u32 = number;
declare type i8 = number;
declare type u8 = number;
declare type bool = boolean;

/** Conversions: in wasm they truncate or wrap to the type; ./builtins.ts does the same in JS. */
declare function f64(x: number): number;
declare function i32(x: number): number;
declare function u32(x: number): number;
declare function i8(x: number): number;
declare function u8(x: number): number;
declare function max<T extends number>(a: T, b: T): T;
declare function min<T extends number>(a: T, b: T): T;
/** 32-bit rotate left. */
declare function rotl<T extends number>(x: T, shift: number): T;
/** Array access without a bounds check in the release wasm (checked in the debug build). */
declare function unchecked<T>(expr: T): T;
/** Inline this method in wasm; nothing in JS. */
declare function inline(target: object, key: string | symbol, descriptor?: PropertyDescriptor): void;
/**
 * AssemblyScript's own exp, log, ... (musl's): the core calls these for every transcendental, so
 * that its results do not depend on the host. In JS it is the host's Math unless the tests put the
 * wasm build of AssemblyScript's functions there (test/setup/native-math.ts): then the JS run of the
 * core gives the same bits as the wasm. abs, floor, min, max and sqrt are exact everywhere: Math.
 */
declare const NativeMath: Pick<Math, 'exp' | 'expm1' | 'log' | 'log1p' | 'pow'>;
/** True when compiled to wasm with SIMD; false in JS, where the scalar counterpart runs. */
declare const ASC_FEATURE_SIMD: boolean;

/** A fixed-length array; a Float64Array in JS, which holds every value the core stores exactly. */
interface StaticArray<T> {
  [index: number]: T;
  readonly length: number;
}
declare const StaticArray: new <T>(length: number) => StaticArray<T>;

// The few wasm SIMD operations of assembly/wasm/ (threefry-simd.ts, max-simd.ts), which the core calls only when
// ASC_FEATURE_SIMD: declared so the file type-checks; never run in JS.
declare type usize = number;
declare function changetype<T>(x: unknown): T;
declare type v128 = { readonly lanes: 'v128' };
declare function i32x4(a: number, b: number, c: number, d: number): v128;
declare namespace i32x4 {
  function splat(x: number): v128;
  function add(a: v128, b: v128): v128;
  function shl(a: v128, r: number): v128;
  function shr_u(a: v128, r: number): v128;
  function shr_s(a: v128, r: number): v128;
  function shuffle(a: v128, b: v128, l0: number, l1: number, l2: number, l3: number): v128;
}
declare namespace f64x2 {
  function splat(x: number): v128;
  function pmax(a: v128, b: v128): v128;
  function convert_low_i32x4_u(a: v128): v128;
  function convert_low_i32x4_s(a: v128): v128;
  function add(a: v128, b: v128): v128;
  function sub(a: v128, b: v128): v128;
  function mul(a: v128, b: v128): v128;
  function extract_lane(a: v128, lane: number): number;
}
declare namespace v128 {
  function xor(a: v128, b: v128): v128;
  function or(a: v128, b: v128): v128;
  function store(ptr: usize, v: v128, offset?: number): void;
  function load(ptr: usize, offset?: number): v128;
}
