// Tests that need something outside the repository (Chromium, ../shared/data, a Postgres
// server) skip with a message saying what is missing — except under CI=true, where a
// missing requirement fails the run instead of passing it silently.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const sharedDataDir = path.resolve(repoRoot, '../shared/data');

/** True when `what` is available; false (skip, with a message) when not; throws under CI. */
export function available(what: string, present: boolean): boolean {
  if (present) return true;
  if (process.env.CI === 'true') throw new Error(`CI requires ${what}, which is missing`);
  console.warn(`SKIPPED: ${what} is missing`);
  return false;
}

export const hasChromium = () => available(`Chromium at ${chromiumPath}`, existsSync(chromiumPath));
export const hasSharedData = () =>
  available(`the data folder ${sharedDataDir}`, existsSync(sharedDataDir));
