// npm test: vitest over every workspace, then one plain closing line
// ("N passed, N failed, N skipped") that any CI can read. Under CI=true a skipped test
// fails the run: CI must have everything the tests need.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';

const report = '.test-results/vitest.json';
mkdirSync('.test-results', { recursive: true });
rmSync(report, { force: true });
// Markers of earlier runs' Mini App builds (server/test/e2e/miniapp-build.ts).
for (const f of readdirSync('.test-results')) {
  if (f.startsWith('miniapp-build-'))
    rmSync(`.test-results/${f}`, { recursive: true, force: true });
}

const where = process.env.TEST_DATABASE_URL ? 'PostgreSQL (TEST_DATABASE_URL)' : 'embedded PGlite';
console.log(`Running the tests on ${where}`);
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env: { ...process.env, NO_COLOR: process.env.NO_COLOR ?? '1' } },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed =
    r.numFailedTests +
    (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? r.numFailedTestSuites : 0);
  skipped = r.numPendingTests + r.numTodoTests;
} catch {
  failed = Math.max(failed, 1);
}
console.log(`\nTests on ${where}:`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (process.env.CI === 'true' && skipped > 0) {
  console.error('CI=true: skipped tests are failures here (something the tests need is missing).');
  process.exit(1);
}
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
