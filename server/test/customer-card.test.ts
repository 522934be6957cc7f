// Who sees which customers (scope), staff named in the config, and what a customer card
// shows to staff and to the client it belongs to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../src/auth/identity.ts';
import { customerScope } from '../src/auth/scope.ts';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { type Fixture, loadFixture, people, tma } from './helpers/fixtures.ts';
import { rebuild } from './helpers/rebuild.ts';

describe('customerScope', () => {
  const who = (role: Identity['role'], regionScope: string | null = null): Identity => ({
    telegramId: 1n,
    user: { id: 1, first_name: 'x' },
    role,
    regionScope,
    customerId: null,
  });
  it('gives unknown users and unlinked clients nothing, and scopes an empty region literally', () => {
    expect(customerScope(who('unknown'))).toEqual({ id: -1 });
    expect(customerScope(who('client'))).toEqual({ id: -1 });
    expect(customerScope(who('manager', ''))).toEqual({ region: '' });
    expect(customerScope(who('manager'))).toEqual({});
    expect(customerScope(who('admin', 'North'))).toEqual({});
  });
});

describe('staff from config and the customer card', () => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    t = await buildTestApp({
      BOT_TOKEN: testBotToken,
      MANAGER_TELEGRAM_IDS: '6001:South, 6002',
      ADMIN_TELEGRAM_IDS: '6002',
    });
    f = await loadFixture(t.database.db.prisma);
    // Restart so the configured staff are applied over the fixture's people.
    await t.app.close();
    t.app = await rebuild(t.database, {
      BOT_TOKEN: testBotToken,
      MANAGER_TELEGRAM_IDS: '6001:South, 6002',
      ADMIN_TELEGRAM_IDS: '6002',
    });
  });
  afterAll(() => t?.close());

  it('makes MANAGER_TELEGRAM_IDS managers with their region; admins win over managers', async () => {
    const south = await t.app.inject({
      url: '/api/v1/me',
      headers: tma({ id: 6001, first_name: 'S' }),
    });
    expect(south.json()).toMatchObject({ role: 'manager', scope: { region: 'South' } });
    const both = await t.app.inject({
      url: '/api/v1/me',
      headers: tma({ id: 6002, first_name: 'B' }),
    });
    expect(both.json()).toMatchObject({ role: 'admin' });
  });

  it("keeps the business's internal view from clients reading their own card", async () => {
    const prisma = t.database.db.prisma;
    const run = await prisma.modelRun.create({
      data: { kind: 'churn', status: 'succeeded', asOf: new Date(), finishedAt: new Date() },
    });
    await prisma.customerScore.create({
      data: {
        customerId: f.clientA,
        modelRunId: run.id,
        churnProbability: 0.8,
        reasons: [
          { group: 'recency', impact: 0.3, en: 'no order for 124 days', ru: 'нет заказов 124 дня' },
        ],
      },
    });
    const own = (
      await t.app.inject({ url: `/api/v1/users/${f.clientA}`, headers: tma(people.clientA) })
    ).json();
    expect(own).not.toHaveProperty('score');
    expect(own).not.toHaveProperty('tags');
    expect(own).not.toHaveProperty('attributes');
    const staff = (
      await t.app.inject({ url: `/api/v1/users/${f.clientA}`, headers: tma(people.manager) })
    ).json();
    expect(staff.score).toMatchObject({ churnProbability: 0.8 });
  });

  it('shows scores only from successful runs, newest value per field', async () => {
    const prisma = t.database.db.prisma;
    const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
    const run = (kind: 'segments' | 'clv', status: 'succeeded' | 'failed') =>
      prisma.modelRun.create({ data: { kind, status, asOf: at(0) } });
    const segments = await run('segments', 'succeeded');
    const clv = await run('clv', 'succeeded');
    const failed = await run('segments', 'failed');
    const customerId = f.clientB;
    await prisma.customerScore.createMany({
      data: [
        { customerId, modelRunId: segments.id, segment: 'Loyal', scoredAt: at(1) },
        { customerId, modelRunId: clv.id, clv: '120.50', pAlive: 0.7, scoredAt: at(2) },
        { customerId, modelRunId: failed.id, segment: 'Broken', scoredAt: at(3) },
      ],
    });
    const card = (
      await t.app.inject({
        url: `/api/v1/users/${customerId}`,
        headers: tma({ id: 6002, first_name: 'B' }),
      })
    ).json();
    expect(card.score).toMatchObject({ segment: 'Loyal', clv: '120.50', pAlive: 0.7 });
  });
});
