// Writes assembly/shared/slots.ts from the Scenario table (src/engine/slots-source.ts says how).
// Run by `npm run build:wasm` (scripts/wasm-fresh.mjs) whenever src/scenario.ts is newer.
import { writeFileSync } from 'node:fs';
import { slotsSource } from '../src/engine/slots-source.ts';

writeFileSync(new URL('../assembly/shared/slots.ts', import.meta.url), slotsSource());
