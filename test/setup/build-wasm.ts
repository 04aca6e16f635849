// Builds the wasm core before the unit tests when it is missing or stale, so `npx vitest` works on
// a fresh checkout as well as after `npm run build`.
// @ts-expect-error: a plain ES module script shared with the npm scripts
import { ensureWasm } from '../../scripts/wasm-fresh.mjs';

export default function setup(): void {
  ensureWasm();
}
