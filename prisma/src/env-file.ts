import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder npm was started from (relative paths on command lines are relative to it). */
export const launchDir = () => process.env.INIT_CWD ?? process.cwd();

/**
 * The folder npm was started from (the repository root for the README's commands), and its
 * `.env` file loaded into process.env when there is one. The server and every CLI start so.
 */
export function loadEnvFile(): string {
  const root = launchDir();
  const file = path.join(root, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
  return root;
}
