// The golden cases: every preset and each mechanism in a crash, on few paths, summarised and
// fingerprinted. Their digests are kept in test/golden/digests.json, so any change to a single bit of
// any result is seen (test/unit/golden.test.ts); `UPDATE_GOLDEN=1 npx vitest run golden` rewrites
// them, for a change that alters results on purpose and says why.
import { PRESETS, presetScenario } from '../../src/presets';
import { defaultScenario, type Scenario } from '../../src/scenario';
import { digest } from '../../src/ui/digest';
import { summaryOf } from './core';

export function goldenCases(): [string, Scenario][] {
  const cases: [string, Scenario][] = PRESETS.map((p) => [`preset ${p.id}`, { ...presetScenario(p), paths: 200 }]);
  cases.push(['default', { ...defaultScenario(), paths: 200 }]);
  for (const mechanism of ['full', 'partial', 'dutch', 'amm'] as const) {
    const crash: Scenario = { ...defaultScenario(), mechanism, shockDepth: 0.3, liquidityWithdrawal: true, dynamicMargin: true, congestion: 1, adl: true, impactModel: 'sqrt', paths: 200 };
    cases.push([`crash ${mechanism}`, crash]);
  }
  cases.push(['crash partial optimal', { ...defaultScenario(), mechanism: 'partial', partialSchedule: 'optimal', shockDepth: 0.3, paths: 200 }]);
  cases.push(['garch', { ...defaultScenario(), volModel: 'garch', volOfVol: 2, volClusterHalfLife: 3600, paths: 200 }]);
  cases.push(['crash dutch stairstep', { ...defaultScenario(), mechanism: 'dutch', auctionDecay: 'stairstep', shockDepth: 0.3, paths: 200 }]);
  // Each with 32-bit draws and with 64-bit draws, as links v=1 (and the presets) run: the latter's
  // digests are the ones on file before v=2.
  return [
    ...cases.map(([name, s]): [string, Scenario] => [name, { ...s, normalBits: '32' }]),
    ...cases.map(([name, s]): [string, Scenario] => [`${name}, 64-bit draws (links v=1)`, { ...s, normalBits: '64' }]),
  ];
}

export async function goldenDigests(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, s] of goldenCases()) out[name] = digest(await summaryOf(s));
  return out;
}
