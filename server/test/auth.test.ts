import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, otherBotToken, type TestApp, testBotToken } from './helpers/build-app.ts';
import { type Fixture, loadFixture, people, tma } from './helpers/fixtures.ts';

describe('Telegram initData authentication', () => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    t = await buildTestApp({
      BOT_TOKEN: testBotToken,
      ADMIN_TELEGRAM_IDS: String(people.admin.id),
    });
    f = await loadFixture(t.database.db.prisma);
  });
  afterAll(() => t?.close());

  const me = (headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: '/api/v1/me', headers });

  it('returns admin for a bootstrap admin signed by BOT_TOKEN', async () => {
    const res = await me(tma(people.admin));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      role: 'admin',
      user: { telegramId: '5001', firstName: 'Ada', username: 'ada' },
      scope: { region: null },
      demo: false,
    });
  });

  const rejected = async (headers: Record<string, string>, reason: RegExp) => {
    const res = await me(headers);
    expect(res.statusCode).toBe(401);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'error', 'message', 'statusCode']);
    expect(body.code).toBe('unauthorized');
    expect(body.message).toMatch(reason);
  };

  it('rejects a tampered hash', async () => {
    const { authorization } = tma(people.admin);
    const hash = /hash=([0-9a-f]+)/.exec(authorization)![1]!;
    const flipped = `${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`;
    await rejected({ authorization: authorization.replace(hash, flipped) }, /signature is invalid/);
  });

  it('rejects tampered user data under a valid hash', async () => {
    const { authorization } = tma(people.unknown);
    await rejected(
      { authorization: authorization.replace('5006', '5001') },
      /signature is invalid/,
    );
  });

  it("rejects initData signed with another bot's token", async () => {
    await rejected(tma(people.admin, { token: otherBotToken }), /signature is invalid/);
  });

  it('rejects auth_date two days old', async () => {
    const authDate = new Date(Date.now() - 2 * 86_400_000);
    await rejected(tma(people.admin, { authDate }), /expired/);
  });

  it('rejects auth_date in the future', async () => {
    const authDate = new Date(Date.now() + 3_600_000);
    await rejected(tma(people.admin, { authDate }), /future/);
  });

  it('rejects a missing header', async () => {
    await rejected({}, /missing/);
  });

  it('rejects malformed headers', async () => {
    await rejected({ authorization: 'Bearer abc' }, /must be 'tma <initData>'/);
    await rejected({ authorization: 'tma' }, /must be 'tma <initData>'/);
    await rejected({ authorization: 'tma user=1&auth_date=1' }, /no hash/);
    await rejected({ authorization: 'tma %%%' }, /./);
  });

  it('gives unknown users their identity but 403 on staff routes', async () => {
    expect((await me(tma(people.unknown))).json().role).toBe('unknown');
    for (const url of ['/api/v1/users/', '/api/v1/products/', `/api/v1/users/${f.clientA}`]) {
      const res = await t.app.inject({ url, headers: tma(people.unknown) });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().message).toMatch(/you are unknown/);
    }
  });

  it('resolves managers with and without a region scope', async () => {
    expect((await me(tma(people.manager))).json()).toMatchObject({
      role: 'manager',
      scope: { region: null },
    });
    expect((await me(tma(people.northManager))).json()).toMatchObject({
      role: 'manager',
      scope: { region: 'North' },
    });
  });

  it('resolves a Telegram user linked to a customer as that client', async () => {
    const body = (await me(tma(people.clientA))).json();
    expect(body).toMatchObject({
      role: 'client',
      customer: { id: f.clientA, name: 'North Customer 1' },
    });
  });

  it('keeps clients to their own record: others are 404, staff lists 403', async () => {
    const own = await t.app.inject({
      url: `/api/v1/users/${f.clientA}`,
      headers: tma(people.clientA),
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().id).toBe(f.clientA);
    for (const other of [f.clientB, f.northCustomers[1], 999_999]) {
      const res = await t.app.inject({
        url: `/api/v1/users/${other}`,
        headers: tma(people.clientA),
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toBe(`customer ${other} not found`);
    }
    const list = await t.app.inject({ url: '/api/v1/users/', headers: tma(people.clientA) });
    expect(list.statusCode).toBe(403);
  });

  it('keeps a scoped manager to their region whatever they ask', async () => {
    const headers = tma(people.northManager);
    const all = await t.app.inject({ url: '/api/v1/users/?pageSize=100', headers });
    expect(all.json().total).toBe(6);
    expect(all.json().items.every((c: { region: string }) => c.region === 'North')).toBe(true);
    const south = await t.app.inject({ url: '/api/v1/users/?region=South', headers });
    expect(south.json().total).toBe(0);
    const card = await t.app.inject({ url: `/api/v1/users/${f.southCustomers[2]}`, headers });
    expect(card.statusCode).toBe(404);
    const unscoped = await t.app.inject({
      url: '/api/v1/users/?pageSize=100',
      headers: tma(people.manager),
    });
    expect(unscoped.json().total).toBe(12);
  });

  it('does not offer demo sessions when a bot token is set', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/demo/session',
      payload: { role: 'admin' },
    });
    expect(res.statusCode).toBe(404);
  });
});
