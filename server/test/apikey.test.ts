import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, listApiKeys, revokeApiKey, verifyApiKey } from '../src/auth/api-keys.ts';
import { parseApiKeyArgs, runApiKeyCommand, UsageError } from '../src/cli/apikey-commands.ts';
import { buildTestApp, type TestApp } from './helpers/build-app.ts';

const cli = { actorRole: 'cli' };
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe('API keys (service)', () => {
  const prisma = () => t.database.db.prisma;

  it('creates a key shown once, stores only its hash, and lists it', async () => {
    const { key, info } = await createApiKey(prisma(), { name: 'shop', ...cli });
    expect(key).toMatch(/^rdk_[0-9a-f]{12}_[\w-]{43}$/);
    expect(key.startsWith(`rdk_${info.prefix}_`)).toBe(true);
    const row = await prisma().apiKey.findUniqueOrThrow({ where: { name: 'shop' } });
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    // The secret is base64url and may itself contain '_': it is everything after the prefix.
    const secret = key.slice('rdk_'.length + 12 + 1);
    expect(secret).toHaveLength(43);
    expect(row.hash).not.toContain(secret);
    const listed = await listApiKeys(prisma());
    expect(listed).toEqual([
      {
        name: 'shop',
        prefix: info.prefix,
        createdAt: expect.any(Date),
        lastUsedAt: null,
        revokedAt: null,
      },
    ]);
    const audit = await prisma().auditLog.findMany({ where: { targetType: 'api_key' } });
    expect(audit).toMatchObject([{ actorRole: 'cli', action: 'api_key.create' }]);
    expect(JSON.stringify(audit[0]!.after)).not.toContain(row.hash);
  });

  it('verifies the key, not a wrong secret or a made-up key', async () => {
    const { key } = await createApiKey(prisma(), { name: 'verify', ...cli });
    expect(await verifyApiKey(prisma(), key)).toMatchObject({ name: 'verify' });
    const wrong = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect(await verifyApiKey(prisma(), wrong)).toBeNull();
    expect(await verifyApiKey(prisma(), `rdk_000000000000_${'x'.repeat(43)}`)).toBeNull();
    expect(await verifyApiKey(prisma(), 'not a key')).toBeNull();
  });

  it('writes last_used_at at most once a minute', async () => {
    const { key } = await createApiKey(prisma(), { name: 'usage', ...cli });
    const lastUsed = async () =>
      (await prisma().apiKey.findUniqueOrThrow({ where: { name: 'usage' } })).lastUsedAt;
    const t0 = new Date('2030-01-01T00:00:00Z');
    await verifyApiKey(prisma(), key, t0);
    expect(await lastUsed()).toEqual(t0);
    await verifyApiKey(prisma(), key, new Date(t0.getTime() + 30_000));
    expect(await lastUsed()).toEqual(t0);
    const t1 = new Date(t0.getTime() + 61_000);
    await verifyApiKey(prisma(), key, t1);
    expect(await lastUsed()).toEqual(t1);
  });

  it('revokes by name, once, with an audit entry; a revoked key no longer verifies', async () => {
    const { key } = await createApiKey(prisma(), { name: 'old', ...cli });
    const first = await revokeApiKey(prisma(), { name: 'old', ...cli });
    expect(first.changed).toBe(true);
    expect(first.info.revokedAt).toBeInstanceOf(Date);
    expect(await verifyApiKey(prisma(), key)).toBeNull();
    expect((await revokeApiKey(prisma(), { name: 'old', ...cli })).changed).toBe(false);
    const revokes = await prisma().auditLog.count({ where: { action: 'api_key.revoke' } });
    expect(revokes).toBe(1);
  });

  it('refuses a taken name, a bad name and an unknown key', async () => {
    await expect(createApiKey(prisma(), { name: 'shop', ...cli })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(createApiKey(prisma(), { name: 'has space', ...cli })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(revokeApiKey(prisma(), { name: 'nobody', ...cli })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('npm run apikey (the CLI)', () => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runApiKeyCommand(t.database.db.prisma, parseApiKeyArgs(argv), {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('creates (the key alone on stdout), lists without secrets, revokes', async () => {
    const created = await run('create', '--name', 'pos');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^rdk_[0-9a-f]{12}_[\w-]{43}$/);
    expect(created.err).toMatch(/shown this once/);
    const prefix = created.out.split('_')[1];
    expect((await run('revoke', '--name', 'pos')).out).toBe('"pos" revoked');
    expect((await run('revoke', '--name', 'pos')).out).toBe('"pos" was already revoked');
    const listed = await run('list');
    expect(listed.out).toMatch(new RegExp(`pos\\s+rdk_${prefix}_….*revoked`));
    expect(listed.out).not.toContain(created.out);
    expect(await run('create', '--name', 'pos')).toMatchObject({ code: 1, err: /exists/ });
    expect(await run('revoke', '--name', 'nobody')).toMatchObject({ code: 1, err: /not found/ });
  });

  it('names usage errors', () => {
    expect(() => parseApiKeyArgs(['create'])).toThrow(/create needs --name/);
    expect(() => parseApiKeyArgs(['list', '--name', 'x'])).toThrow(/list takes no --name/);
    expect(() => parseApiKeyArgs(['rotate'])).toThrow(/unknown command "rotate"/);
    expect(() => parseApiKeyArgs(['list', '--force'])).toThrow(UsageError);
  });

  it('exits 2 with the usage on a usage error (the real process)', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const result = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli/apikey.ts', 'revoke'],
      { cwd: root },
    ).catch((err: { code: number; stderr: string }) => err);
    expect(result).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/usage: npm run apikey/),
    });
  });
});
