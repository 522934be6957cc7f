import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { rebuild } from './helpers/rebuild.ts';

describe('demo mode (no BOT_TOKEN)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    const prisma = t.database.db.prisma;
    const c = await prisma.customer.create({
      data: { source: 'demo', externalId: 'D1', name: 'Dina' },
    });
    await prisma.order.createMany({
      data: [1, 2, 3].map((n) => ({
        source: 'test',
        externalId: `D1-${n}`,
        customerId: c.id,
        placedAt: new Date(Date.UTC(2025, n, 1)),
        total: '10.00',
      })),
    });
    // Demo users are linked at start-up; the customer exists only now, so link again.
    await t.app.close();
    t = { ...t, app: await (await import('./helpers/rebuild.ts')).rebuild(t.database) };
  });
  afterAll(() => t?.close());

  const session = (role: string, key: string | null = t.app.demoKey) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/demo/session',
      payload: { role, key: key ?? undefined },
    });

  it.each([
    ['admin', 'admin'],
    ['manager', 'manager'],
    ['client', 'client'],
  ])('signs initData for the demo %s that /me accepts', async (role, expected) => {
    const res = await session(role);
    expect(res.statusCode).toBe(200);
    const me = await t.app.inject({
      url: '/api/v1/me',
      headers: { authorization: `tma ${res.json().initDataRaw}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ role: expected, demo: true });
    if (role === 'client') expect(me.json().customer.name).toBe('Dina');
  });

  it('refuses whoever does not show the demo key, from wherever they call', async () => {
    for (const key of [null, '', 'x'.repeat(24), `${t.app.demoKey}x`, t.app.demoKey.slice(1)]) {
      const res = await session('admin', key);
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toMatch(/demo key: open the link the server printed/);
    }
  });

  it('opens in Russian with lang=ru (?lang=ru in the link), in English by default', async () => {
    const ru = await t.app.inject({
      method: 'POST',
      url: '/api/v1/demo/session',
      payload: { role: 'manager', key: t.app.demoKey, lang: 'ru' },
    });
    expect(ru.statusCode).toBe(200);
    expect(ru.json().user).toMatchObject({ language_code: 'ru', first_name: 'Мария' });
    const me = await t.app.inject({
      url: '/api/v1/me',
      headers: { authorization: `tma ${ru.json().initDataRaw}` },
    });
    expect(me.json()).toMatchObject({ role: 'manager', user: { languageCode: 'ru' } });
    expect((await session('manager')).json().user.language_code).toBe('en');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/demo/session',
      payload: { role: 'manager', key: t.app.demoKey, lang: 'de' },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('rejects an unknown role with 400', async () => {
    expect((await session('root')).statusCode).toBe(400);
  });

  it('says demo on /health', async () => {
    expect((await t.app.inject({ url: '/health' })).json()).toMatchObject({
      mode: 'demo',
      status: 'ok',
    });
  });
});

describe('demo mode safety', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t?.close());

  const session = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/demo/session',
      payload: { role: 'admin', key: t.app.demoKey },
      headers,
    });

  it('answers the holder of the key through a proxy too: the key, not the address, is the proof', async () => {
    expect((await session({})).statusCode).toBe(200);
    expect((await session({ 'x-forwarded-for': '192.0.2.2' })).statusCode).toBe(200);
    expect((await session({ host: 'evil.example' })).statusCode).toBe(200);
  });

  it("links the demo client only to a free demo customer, never to a real one's account", async () => {
    const prisma = t.database.db.prisma;
    const make = (externalId: string, source: string, telegramUserId: bigint | null) =>
      prisma.customer.create({
        data: {
          source,
          externalId,
          telegramUserId,
          orders: {
            create: [1, 2, 3].map((n) => ({
              source,
              externalId: `${externalId}-${n}`,
              placedAt: new Date(Date.UTC(2026, 0, n)),
              total: '5.00',
            })),
          },
        },
      });
    const real = await make('REAL', 'shop', 123_456_789n);
    const unlinkedReal = await make('REAL2', 'shop', null);
    const demo = await make('C000001', 'demo', null);
    await t.app.close();
    t.app = await rebuild(t.database);
    const byId = async (id: number) =>
      (await prisma.customer.findUniqueOrThrow({ where: { id } })).telegramUserId;
    expect(await byId(real.id)).toBe(123_456_789n);
    expect(await byId(unlinkedReal.id)).toBeNull();
    expect(await byId(demo.id)).toBe(999_000_000_003n);
    // A start with a bot token removes the demo link and leaves the real one.
    await t.app.close();
    t.app = await rebuild(t.database, { BOT_TOKEN: testBotToken });
    expect(await byId(demo.id)).toBeNull();
    expect(await byId(real.id)).toBe(123_456_789n);
  });
});
