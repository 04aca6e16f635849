// Prints "N passed, N failed" from Vitest's JSON report (the last line of .ci/run).
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/vitest.json';
if (!existsSync(file)) {
  console.log(`no test report at ${file}: npm test stopped before the tests ran`);
  console.log('0 passed, 0 failed');
  process.exit(1);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
// Tests that neither passed, failed nor were skipped never finished: their test process ended
// (test/setup/hang-guard.ts stops one stuck for good). They count as failed.
const unfinished = Math.max(0, r.numTotalTests - r.numPassedTests - r.numFailedTests - r.numPendingTests - r.numTodoTests);
if (unfinished > 0) console.log(`${unfinished} tests did not finish: their test process ended (the log says why)`);
const failed = r.numFailedTests + unfinished;
console.log(`${r.numPassedTests} passed, ${failed} failed`);
process.exit(failed > 0 || !r.success ? 1 : 0);
