// The ziggurat construction, shared by the generator and the test that checks the committed tables.
export const ZIG_R = 3.442619855899;
export const ZIG_V = 9.91256303526217e-3;

export function zigguratTables(): { x: number[]; ratio: number[] } {
  const x = new Array<number>(129);
  let f = Math.exp(-0.5 * ZIG_R * ZIG_R);
  x[0] = ZIG_V / f;
  x[1] = ZIG_R;
  x[128] = 0;
  for (let i = 2; i < 128; i++) {
    x[i] = Math.sqrt(-2 * Math.log(ZIG_V / x[i - 1] + f));
    f = Math.exp(-0.5 * x[i] * x[i]);
  }
  const ratio = new Array<number>(128);
  for (let i = 0; i < 128; i++) ratio[i] = x[i + 1] / x[i];
  return { x, ratio };
}
