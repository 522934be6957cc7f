// One production build of the Mini App per test run, however many e2e files need it: the
// test workers run files side by side, and two builds writing one dist folder would clash.
// The first worker to take the lock builds; the others wait for its marker.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../../test/requirements.ts';

const dir = path.join(repoRoot, '.test-results');
// Workers are children of one vitest process: its pid names this run.
const run = process.ppid;
const lock = path.join(dir, `miniapp-build-${run}.lock`);
const done = path.join(dir, `miniapp-build-${run}.done`);

export async function buildMiniappOnce(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (existsSync(done)) return;
  try {
    mkdirSync(lock);
  } catch {
    const deadline = Date.now() + 170_000;
    while (!existsSync(done)) {
      if (Date.now() > deadline) throw new Error('waited too long for the Mini App build');
      await new Promise((r) => setTimeout(r, 200));
    }
    return;
  }
  // A production build, as `npm start` makes (vitest's NODE_ENV=test would give React's
  // development build).
  execFileSync('npm', ['run', 'build', '-w', '@retention/miniapp'], {
    cwd: repoRoot,
    stdio: 'ignore',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  writeFileSync(done, new Date().toISOString());
}
