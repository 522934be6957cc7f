import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { type Fixture, loadFixture, people, tma } from './helpers/fixtures.ts';

describe('staff list endpoints', () => {
  let t: TestApp;
  let f: Fixture;
  const get = (url: string) => t.app.inject({ url, headers: tma(people.manager) });
  beforeAll(async () => {
    t = await buildTestApp({ BOT_TOKEN: testBotToken });
    f = await loadFixture(t.database.db.prisma);
  });
  afterAll(() => t?.close());

  it('pages customers with totals and per-customer order stats', async () => {
    const first = (await get('/api/v1/users/?pageSize=5')).json();
    expect(first).toMatchObject({ page: 1, pageSize: 5, total: 12 });
    expect(first.items).toHaveLength(5);
    const third = (await get('/api/v1/users/?pageSize=5&page=3')).json();
    expect(third.items).toHaveLength(2);
    const a = first.items.find((c: { id: number }) => c.id === f.clientA);
    expect(a.stats).toMatchObject({ orders: 2, revenue: '50.00' });
    expect(a.telegramLinked).toBe(true);
    expect(a).not.toHaveProperty('telegramUserId');
  });

  it('searches by name, email, phone, external id and id', async () => {
    expect((await get('/api/v1/users/?q=south%20customer%209')).json().total).toBe(1);
    expect((await get('/api/v1/users/?q=c3@example.com')).json().items[0].externalId).toBe('T3');
    expect((await get('/api/v1/users/?q=%2B7%20900%20000-0004')).json().items[0].externalId).toBe(
      'T4',
    );
    expect((await get('/api/v1/users/?q=T11')).json().items[0].externalId).toBe('T11');
    expect((await get(`/api/v1/users/?q=${f.clientB}`)).json().items[0].id).toBe(f.clientB);
  });

  it('filters by region, acquisition channel and tag, and sorts', async () => {
    expect((await get('/api/v1/users/?region=South')).json().total).toBe(6);
    expect((await get('/api/v1/users/?channel=organic')).json().total).toBe(6);
    expect((await get('/api/v1/users/?tag=vip')).json().total).toBe(4);
    const desc = (await get('/api/v1/users/?sort=-signupAt&pageSize=2')).json();
    expect(desc.items.map((c: { externalId: string }) => c.externalId)).toEqual(['T12', 'T11']);
  });

  it('treats SQL metacharacters in search as plain text', async () => {
    const res = await get(`/api/v1/users/?q=${encodeURIComponent("' OR 1=1 --")}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(0);
  });

  it.each([
    ['pageSize=101', /pageSize/],
    ['pageSize=0', /pageSize/],
    ['page=0', /page/],
    ['page=abc', /page/],
    ['sort=password', /sort/],
    [`q=${'x'.repeat(101)}`, /q/],
    ['q=%00', /q/],
  ])('answers 400 with the reason for %s', async (query, field) => {
    const res = await get(`/api/v1/users/?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('bad_request');
    expect(res.json().message).toMatch(field);
  });

  it('answers 400 for a non-numeric or out-of-range customer id', async () => {
    for (const id of ['abc', '0', '-1', '99999999999']) {
      expect((await get(`/api/v1/users/${id}`)).statusCode, id).toBe(400);
    }
  });

  it("gives a customer's card with recent orders and contracts", async () => {
    const card = (await get(`/api/v1/users/${f.clientA}`)).json();
    expect(card).toMatchObject({ id: f.clientA, region: 'North', score: null, contracts: [] });
    expect(card.recentOrders).toHaveLength(2);
    expect(card.recentOrders[0]).toMatchObject({ total: '25.00', items: 1, status: 'completed' });
    expect(new Date(card.recentOrders[0].placedAt) > new Date(card.recentOrders[1].placedAt)).toBe(
      true,
    );
  });

  it('pages the catalogue with the price in force now', async () => {
    const page = (await get('/api/v1/products/')).json();
    expect(page.total).toBe(2);
    const tea = page.items.find((p: { sku: string }) => p.sku === 'TEA-1');
    expect(tea).toMatchObject({
      name: 'Green tea',
      category: 'tea',
      price: '12.50',
      tags: ['organic'],
    });
    const mug = page.items.find((p: { sku: string }) => p.sku === 'MUG-1');
    expect(mug.price).toBeNull();
    expect((await get('/api/v1/products/?q=tea')).json().total).toBe(1);
    expect((await get('/api/v1/products/?category=ware')).json().items[0].sku).toBe('MUG-1');
    expect((await get('/api/v1/products/?pageSize=500')).statusCode).toBe(400);
  });
});
