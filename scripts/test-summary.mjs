// Prints one closing line, "tests: N passed, N failed", from the JSON reports that vitest and
// Playwright write under test-results/ when CI is set, so a run that executed no test is visible.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
/** Test files that failed without a failing test (an error while loading them, say). */
let brokenFiles = 0;

const vitest = 'test-results/vitest.json';
if (existsSync(vitest)) {
  const report = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  brokenFiles += (report.testResults ?? []).filter((file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed')).length;
}

const playwright = 'test-results/playwright.json';
if (existsSync(playwright)) {
  const { stats } = JSON.parse(readFileSync(playwright, 'utf8'));
  passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  failed += stats?.unexpected ?? 0;
  skipped += stats?.skipped ?? 0;
}

const broken = brokenFiles > 0 ? `; ${brokenFiles} test file${brokenFiles === 1 ? '' : 's'} failed to run` : '';
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped${broken}`);
