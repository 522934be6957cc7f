// POST /api/v1/ingest/events: idempotent events, per-item errors, unknown customers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/build-app.ts';
import { apiKeyFor, event } from './helpers/ingest.ts';

let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await buildTestApp();
  key = await apiKeyFor(t);
});
afterAll(() => t?.close());

const post = (payload: object) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/events',
    payload,
    headers: { authorization: `Bearer ${key}` },
  });
const events = () =>
  t.database.db.prisma.event.findMany({
    orderBy: { externalId: 'asc' },
    include: { customer: true },
  });

describe('POST /api/v1/ingest/events', () => {
  it('stores each id once, within a batch and across batches', async () => {
    const batch = [
      event('e1', { properties: { path: '/tea', n: 2 } }),
      event('e2'),
      event('e1', { type: 'other' }),
    ];
    const first = await post({ items: batch });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      accepted: 3,
      stored: 2,
      duplicates: 1,
      customersCreated: 1,
      redemptions: 0,
      errors: [],
    });
    const again = await post({ items: batch });
    expect(again.json()).toMatchObject({ accepted: 3, stored: 0, duplicates: 3 });
    const stored = (await events()).filter((e) => e.externalId.startsWith('e'));
    expect(stored.map((e) => [e.externalId, e.type])).toEqual([
      ['e1', 'page_view'],
      ['e2', 'page_view'],
    ]);
    expect(stored[0]).toMatchObject({
      source: 'default',
      channel: 'web',
      properties: { path: '/tea', n: 2 },
    });
    expect(stored[0]!.occurredAt.toISOString()).toBe('2025-03-01T10:00:00.000Z');
  });

  it('reports invalid items by index with 207 and stores the valid ones', async () => {
    const res = await post({
      items: [
        event('v1'),
        event('v2', { channel: 'fax' }),
        event('v3'),
        { id: 'v4', type: 'x' },
        'junk',
      ],
    });
    expect(res.statusCode).toBe(207);
    expect(res.json()).toMatchObject({ accepted: 2, stored: 2, duplicates: 0 });
    expect(res.json().errors).toEqual([
      { index: 1, field: 'channel', reason: 'must be one of web, app, telegram, offline' },
      { index: 3, field: 'customerId', reason: 'is required' },
      { index: 3, field: 'channel', reason: 'is required' },
      { index: 3, field: 'occurredAt', reason: 'is required' },
      { index: 4, field: 'item', reason: 'must be an object' },
    ]);
    expect((await events()).map((e) => e.externalId)).toEqual(expect.arrayContaining(['v1', 'v3']));
  });

  it('answers 400 when no item is valid, and for a malformed request', async () => {
    const res = await post({
      items: [event('x1', { occurredAt: 'soon' }), event('x2', { properties: [1] })],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      statusCode: 400,
      code: 'bad_request',
      accepted: 0,
      stored: 0,
    });
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'occurredAt',
      'properties',
    ]);
    for (const body of [{}, { items: [] }, { items: [event('y')], unknownCustomers: 'maybe' }]) {
      const bad = await post(body);
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(bad.json()).sort()).toEqual(['code', 'error', 'message', 'statusCode']);
    }
  });

  it('creates unknown customers by default, or rejects their items', async () => {
    const created = await post({
      source: 'pos',
      items: [event('p1', { customerId: 'new-1', channel: 'offline' })],
    });
    expect(created.json()).toMatchObject({ stored: 1, customersCreated: 1 });
    const rejected = await post({
      source: 'pos',
      unknownCustomers: 'reject',
      items: [event('p2', { customerId: 'new-1' }), event('p3', { customerId: 'stranger' })],
    });
    expect(rejected.statusCode).toBe(207);
    expect(rejected.json()).toMatchObject({
      stored: 1,
      customersCreated: 0,
      errors: [{ index: 1, field: 'customerId', reason: 'unknown customer "stranger"' }],
    });
    const none = await post({
      source: 'pos',
      unknownCustomers: 'reject',
      items: [event('p4', { customerId: 'nope' })],
    });
    expect(none.statusCode).toBe(400);
    const customers = await t.database.db.prisma.customer.findMany({ where: { source: 'pos' } });
    expect(customers.map((c) => c.externalId)).toEqual(['new-1']);
  });

  it('brings stored events into the analytics tables; a duplicate changes nothing there', async () => {
    const item = event('dv1', { customerId: 'c-dv', occurredAt: '2025-06-01T10:00:00Z' });
    const eventsThatDay = async () =>
      (
        await t.database.db.query<{ events: number }>(
          `SELECT d.events FROM analytics_event_days d JOIN customers c ON c.id = d.customer_id
           WHERE c.external_id = 'c-dv' AND d.day = '2025-06-01'`,
        )
      ).rows[0]?.events;
    await post({ items: [item] });
    await t.app.analytics.refresher.refresh();
    expect(await eventsThatDay()).toBe(1);
    await post({ items: [item] });
    await t.app.analytics.refresher.refresh();
    expect(await eventsThatDay()).toBe(1);
  });
});
