// Tests that need something outside the repository (Chromium, ../shared/data, a Postgres
// server) skip with a message saying what is missing — except under CI=true, where a
// missing requirement fails the run instead of passing it silently.
import { spawnSync } from 'node:child_process';
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

/** nginx's path and version, or null when it is not installed. */
export function findNginx(): { bin: string; version: string } | null {
  for (const bin of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) {
    const r = spawnSync(bin, ['-v'], { encoding: 'utf8' });
    if (r.status === 0) return { bin, version: r.stderr.trim().replace(/^nginx version: /, '') };
  }
  return null;
}

export const hasNginx = () =>
  available('nginx (Debian: apt-get install -y nginx-light)', findNginx() !== null);
