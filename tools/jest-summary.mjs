// Prints "N passed, N failed[, N skipped]" from jest's --json results, alone on its line.
// A suite that failed to run counts as one failure; no report at all means the run never started.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'reports/jest.json';
if (!existsSync(file)) {
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
const brokenSuites = (r.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).every((a) => a.status !== 'failed')).length;
const failed = r.numFailedTests + brokenSuites;
const skipped = r.numPendingTests + (r.numTodoTests ?? 0);
console.log(`${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
