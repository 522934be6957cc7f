// The README's configuration table and .env.example must name exactly the variables the
// server reads, so the docs cannot drift from the code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/requirements.ts';
import { configVariables } from '../src/config.ts';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

describe('configuration docs', () => {
  it('README lists every variable, and only those', () => {
    const section = read('README.md').split('## Configuration')[1]?.split('\n## ')[0] ?? '';
    const documented = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...configVariables].sort());
  });

  it('.env.example lists every variable, and only those', () => {
    const listed = [...read('.env.example').matchAll(/^# ?([A-Z_]+)=/gm)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual([...configVariables].sort());
  });
});
