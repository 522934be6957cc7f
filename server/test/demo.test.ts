import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/build-app.ts';

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

  const session = (role: string, remoteAddress?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/demo/session', payload: { role }, remoteAddress });

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

  it('refuses clients that are not on this machine', async () => {
    const res = await session('admin', '203.0.113.7');
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/this machine/);
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
