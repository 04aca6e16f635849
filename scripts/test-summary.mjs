// Prints "N passed, N failed" from Vitest's JSON report (the last line of .ci/run).
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/vitest.json';
if (!existsSync(file)) {
  console.log(`no test report at ${file}: npm test stopped before the tests ran`);
  console.log('0 passed, 0 failed');
  process.exit(1);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);
process.exit(r.numFailedTests > 0 || !r.success ? 1 : 0);
