// The ziggurat construction (Marsaglia & Tsang 2000), shared by the generator and the test that
// checks the committed tables: 128 layers for 64-bit draws (links v=1), 256 for 32-bit words.
export const ZIG_R = 3.442619855899;
export const ZIG_V = 9.91256303526217e-3;
/** 256 layers (Marsaglia & Tsang's published r and v). */
export const ZIG8_R = 3.6541528853610088;
export const ZIG8_V = 4.92867323399e-3;

/** Layer edges x[0..layers] (x[0] = V / f(R), the base layer's pseudo-width) and x[i + 1] / x[i]. */
export function zigguratTables(layers = 128, R = ZIG_R, V = ZIG_V): { x: number[]; ratio: number[] } {
  const x = new Array<number>(layers + 1);
  let f = Math.exp(-0.5 * R * R);
  x[0] = V / f;
  x[1] = R;
  x[layers] = 0;
  for (let i = 2; i < layers; i++) {
    x[i] = Math.sqrt(-2 * Math.log(V / x[i - 1] + f));
    f = Math.exp(-0.5 * x[i] * x[i]);
  }
  const ratio = new Array<number>(layers);
  for (let i = 0; i < layers; i++) ratio[i] = x[i + 1] / x[i];
  return { x, ratio };
}
