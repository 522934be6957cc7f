import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.resolve(prismaDir, '../node_modules/.bin/tsx');
const run = promisify(execFile);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

// Always the embedded PGlite in a throw-away folder, whatever the environment points at.
async function seed(dataDir: string, ...args: string[]): Promise<Result> {
  const env = { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir };
  try {
    const { stdout, stderr } = await run(tsx, ['seed/cli.ts', ...args], { cwd: prismaDir, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run db:seed', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'seed-cli-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('names a bad argument and exits with 2 before touching a database', async () => {
    const tooFew = await seed(dataDir, '--customers', '5');
    expect(tooFew.code).toBe(2);
    expect(tooFew.stderr).toMatch(/--customers must be between 10 and 1,000,000, got 5/);
    const unknown = await seed(dataDir, '--force');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown argument "--force"/);
  });

  // Three processes that each open PGlite, migrate and seed: minutes on a loaded 2-core machine.
  it('loads an empty database, then refuses to load over existing customers without --replace', {
    timeout: 300_000,
  }, async () => {
    const first = await seed(dataDir, '--customers', '20');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/customers\s+20\b/);
    const again = await seed(dataDir, '--customers', '30');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds 20 customers; nothing was changed/);
    expect(again.stderr).toMatch(/--replace/);
    const replaced = await seed(dataDir, '--customers', '30', '--replace');
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toMatch(/customers\s+30\b/);
  });
});
