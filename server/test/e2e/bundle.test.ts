// What the Mini App's first load carries: the schema library stays on the server (the app
// takes types and plain constants from @retention/contracts, never a zod schema), and every
// script the page loads first is one index.html names.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/requirements.ts';
import { buildMiniappOnce } from './miniapp-build.ts';

describe('the Mini App bundle', () => {
  it('loads no zod on the first screen', async () => {
    await buildMiniappOnce();
    const dist = path.join(repoRoot, 'miniapp/dist');
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(initial.length).toBeGreaterThan(0);
    for (const file of initial) {
      const js = readFileSync(path.join(dist, file as string), 'utf8');
      // zod 4's internals name every schema's state `_zod`; its error class ZodError.
      expect(js.includes('_zod'), `${file} holds zod`).toBe(false);
      expect(js.includes('ZodError'), `${file} holds zod`).toBe(false);
    }
  }, 240_000);
});
