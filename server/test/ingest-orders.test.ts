// POST /api/v1/ingest/orders: orders written once and whole, exact money, per-item errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/build-app.ts';
import { apiKeyFor } from './helpers/ingest.ts';

let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await buildTestApp();
  key = await apiKeyFor(t);
});
afterAll(() => t?.close());

type Line = { sku: string; quantity: number; unitPrice: string | number; name?: string };
const order = (id: string, lines: Line[], extra: Record<string, unknown> = {}) => ({
  id,
  customerId: 'c1',
  placedAt: '2025-04-02T09:30:00+03:00',
  lines,
  ...extra,
});
const tea = (quantity = 2): Line => ({ sku: 'TEA', quantity, unitPrice: '12.50' });
const post = (payload: object) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/orders',
    payload,
    headers: { authorization: `Bearer ${key}` },
  });
const stored = (externalId: string) =>
  t.database.db.prisma.order.findUniqueOrThrow({
    where: { source_externalId: { source: 'default', externalId } },
    include: { items: { orderBy: { lineNo: 'asc' }, include: { product: true } }, customer: true },
  });

describe('POST /api/v1/ingest/orders', () => {
  it('stores an order with exact line amounts and a total that is their sum', async () => {
    const lines = [tea(), { sku: 'MUG', name: 'Mug', quantity: 3, unitPrice: 0.1 }];
    const res = await post({
      items: [order('o1', lines, { channel: 'telegram', region: 'North' })],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      accepted: 1,
      stored: 1,
      duplicates: 0,
      customersCreated: 1,
      redemptions: 0,
      errors: [],
    });
    const o = await stored('o1');
    expect(o).toMatchObject({ channel: 'telegram', region: 'North', status: 'completed' });
    expect(o.placedAt.toISOString()).toBe('2025-04-02T06:30:00.000Z');
    expect(o.customer).toMatchObject({ externalId: 'c1', region: 'North' });
    expect(o.items.map((i) => [i.lineNo, i.product.sku, i.quantity, String(i.unitPrice)])).toEqual([
      [0, 'TEA', 2, '12.5'],
      [1, 'MUG', 3, '0.1'],
    ]);
    expect(o.items.map((i) => i.amount.toFixed(2))).toEqual(['25.00', '0.30']);
    expect(o.total.toFixed(2)).toBe('25.30');
    expect(o.items[1]!.product.name).toBe('Mug');
  });

  it('stores each id once: repeats in a batch and resent orders are duplicates', async () => {
    const res = await post({
      items: [order('o2', [tea(1)]), order('o3', [tea(4)]), order('o2', [tea(1), tea(9)])],
    });
    expect(res.json()).toMatchObject({ accepted: 3, stored: 2, duplicates: 1 });
    const resent = await post({ items: [order('o2', [tea(1), tea(5)]), order('o1', [tea(7)])] });
    expect(resent.json()).toMatchObject({ accepted: 2, stored: 0, duplicates: 2 });
    expect((await stored('o2')).items).toHaveLength(1);
    expect((await stored('o1')).total.toFixed(2)).toBe('25.30');
  });

  it('writes an order once when the same id arrives in concurrent requests', async () => {
    const sent = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        post({
          items: [
            order(
              'race',
              Array.from({ length: n }, () => tea(n)),
            ),
          ],
        }),
      ),
    );
    expect(sent.map((r) => r.json().stored).sort()).toEqual([0, 0, 0, 1]);
    const o = await stored('race');
    const n = o.items.length;
    expect(o.items.every((i) => i.quantity === n)).toBe(true);
    expect(o.total.toFixed(2)).toBe((n * n * 12.5).toFixed(2));
  });

  it('keeps cancellations and returns', async () => {
    await post({
      items: [
        order('o4', [tea()], { status: 'cancelled' }),
        order('o5', [tea(-1), { sku: 'MUG', quantity: -2, unitPrice: '4.99' }]),
      ],
    });
    expect((await stored('o4')).status).toBe('cancelled');
    const ret = await stored('o5');
    expect(ret.status).toBe('returned');
    expect(ret.total.toFixed(2)).toBe('-22.48');
  });

  it('reports invalid items by index and field, and stores the rest', async () => {
    const res = await post({
      items: [
        order('bad1', [tea(), { sku: 'TEA', quantity: 1.5, unitPrice: '12.505' }]),
        order('o6', [tea()]),
        order('bad2', [], { status: 'pending', channel: 'fax' }),
      ],
    });
    expect(res.statusCode).toBe(207);
    expect(res.json()).toMatchObject({ accepted: 1, stored: 1 });
    expect(res.json().errors).toEqual([
      { index: 0, field: 'lines[1].quantity', reason: 'is not a whole number' },
      {
        index: 0,
        field: 'lines[1].unitPrice',
        reason: '"12.505" is not an amount below 10^10 with at most 2 decimals',
      },
      { index: 2, field: 'channel', reason: 'must be one of web, app, telegram, offline, other' },
      { index: 2, field: 'status', reason: 'must be completed or cancelled' },
      { index: 2, field: 'lines', reason: 'needs at least one line' },
    ]);
    const ids = await t.database.db.prisma.order.findMany({ select: { externalId: true } });
    expect(ids.map((o) => o.externalId)).not.toContain('bad1');
  });

  it('rejects orders of unknown customers when asked to, creates them otherwise', async () => {
    const res = await post({
      unknownCustomers: 'reject',
      items: [order('o7', [tea()]), order('o8', [tea(), tea()], { customerId: 'ghost' })],
    });
    expect(res.statusCode).toBe(207);
    expect(res.json()).toMatchObject({
      accepted: 1,
      stored: 1,
      errors: [{ index: 1, field: 'customerId', reason: 'unknown customer "ghost"' }],
    });
    const all = await post({
      unknownCustomers: 'reject',
      items: [order('o9', [tea()], { customerId: 'ghost' })],
    });
    expect(all.statusCode).toBe(400);
    const prisma = t.database.db.prisma;
    expect(await prisma.customer.count({ where: { externalId: 'ghost' } })).toBe(0);
    const created = await post({ items: [order('o9', [tea()], { customerId: 'ghost' })] });
    expect(created.json()).toMatchObject({ stored: 1, customersCreated: 1 });
  });

  it('leaves every order total equal to the sum of its lines', async () => {
    const [row] = await t.database.db.prisma.$queryRaw<{ off: bigint; orders: bigint }[]>`
      SELECT count(*) FILTER (WHERE o.total <> s.sum) AS off, count(*) AS orders
      FROM orders o JOIN (SELECT order_id, sum(amount) FROM order_items GROUP BY order_id) s
        ON s.order_id = o.id`;
    expect(Number(row!.orders)).toBe(9);
    expect(Number(row!.off)).toBe(0);
  });
});
