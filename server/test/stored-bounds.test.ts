// Dates and amounts at the edge (contracts/src/api/bounds.ts): the extremes a caller may store
// read back in every list and report; values past them are refused with the field named and leave
// nothing stored (campaigns, ingestion, the CSV import); and rows written by hand past what
// a JSON date shows (year 10000, BC) leave every list answering 200.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { type Fixture, loadFixture, people, tma } from './helpers/fixtures.ts';
import { importFile, scratchDir } from './helpers/import.ts';
import { apiKeyFor, event } from './helpers/ingest.ts';
import { scoreCustomers } from './helpers/scores.ts';

const hour = 3_600_000;
const earliest = '1900-01-01T00:00:00.000Z';
const latest = '2199-12-31T23:59:59.999Z';
const maxPrice = 9_999_999_999.99;
/** ISO 8601 as JSON dates are read everywhere: four-digit years. */
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let t: TestApp;
let f: Fixture;
let key: string;
const prisma = () => t.database.db.prisma;
const admin = tma(people.admin);
const api = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: admin, payload: payload as object });
const ingest = (what: 'orders' | 'events', payload: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/ingest/${what}`,
    payload,
    headers: { authorization: `Bearer ${key}` },
  });
const counts = async () => ({
  campaigns: await prisma().campaign.count(),
  offers: await prisma().offer.count(),
  assignments: await prisma().offerAssignment.count(),
  audit: await prisma().auditLog.count(),
  orders: await prisma().order.count(),
  lines: await prisma().orderItem.count(),
  events: await prisma().event.count(),
  customers: await prisma().customer.count(),
  products: await prisma().product.count(),
  prices: await prisma().productPrice.count(),
});

const campaign = (code: string, offer: object, period: { startAt: string; endAt: string }) => ({
  name: `Edge ${code}`,
  offer: { code, title: `Offer ${code}`, ...offer },
  target: {},
  controlShare: 0.2,
  seed: 7,
  ...period,
});
const widest = { startAt: earliest, endAt: latest };

const reports = [
  'dashboard',
  'churn',
  'retention',
  'retention-curve',
  'ltv',
  'rfm',
  'lifecycle',
  'stickiness',
  'campaigns',
  'breakdown',
  'churn-risk',
];

/** Every list and report a stored date or amount shows up in, each answered 200. */
async function readEverything() {
  await t.app.analytics.refresher.refresh();
  const customers = await prisma().customer.findMany({ select: { id: true } });
  const campaigns = await prisma().campaign.findMany({ select: { id: true } });
  const urls = [
    '/campaigns',
    ...campaigns.map((c) => `/campaigns/${c.id}`),
    '/offers',
    '/offers?all=true',
    '/users/?pageSize=100',
    '/users/?sort=signupAt',
    '/users/?sort=-signupAt',
    ...customers.flatMap((c) => [`/users/${c.id}`, `/users/${c.id}/offers`]),
    '/products/',
    ...reports.map((r) => `/analytics/${r}`),
    // The earliest range a fact can be in (1970) and the widest campaign's start.
    ...reports
      .filter((r) => r !== 'churn-risk')
      .map((r) => `/analytics/${r}?from=1970-01-01&to=1990-12-31`),
  ];
  const answers = new Map<string, unknown>();
  for (const url of urls) {
    const res = await api('GET', url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    answers.set(url, res.json());
  }
  return answers;
}

beforeAll(async () => {
  t = await buildTestApp({
    BOT_TOKEN: testBotToken,
    BOT_MODE: 'off',
    ADMIN_TELEGRAM_IDS: String(people.admin.id),
  });
  f = await loadFixture(prisma());
  key = await apiKeyFor(t);
  await scoreCustomers(
    prisma(),
    [...f.northCustomers, ...f.southCustomers].map((customerId) => ({
      customerId,
      probability: 0.7,
      clv: maxPrice,
    })),
  );
});
afterAll(() => t?.close());

describe('dates and amounts a caller stores', () => {
  const ids = new Map<string, number>();

  it('stores the extremes allowed at the edge, and every list and report reads them back', async () => {
    const launches: [string, object, { startAt: string; endAt: string }][] = [
      ['EDGEMAX', { kind: 'discount_amount', amountOff: maxPrice }, widest],
      ['EDGEMIN', { kind: 'discount_amount', amountOff: 0.01 }, widest],
      ['EDGEGIFT', { kind: 'gift', gift: 'A car', giftCost: maxPrice }, widest],
      ['EDGEFREE', { kind: 'gift', gift: 'A pen', giftCost: 0 }, widest],
      // A date alone is midnight UTC; an offset is honoured (the latest instant, in +14:00).
      [
        'EDGE90',
        { kind: 'discount_percent', percentOff: 90 },
        { startAt: '1900-01-01', endAt: '2200-01-01T13:59:59.999+14:00' },
      ],
      // Starts at the last moment but one: upcoming until 2199.
      [
        'EDGE1',
        { kind: 'discount_percent', percentOff: 1 },
        { startAt: '2199-12-31T23:59:59.998Z', endAt: latest },
      ],
    ];
    for (const [code, offer, period] of launches) {
      const res = await api('POST', '/campaigns', campaign(code, offer, period));
      expect(res.statusCode, `${code}: ${res.body}`).toBe(201);
      ids.set(code, res.json().id);
    }

    const now = Date.now();
    const orders = await ingest('orders', {
      items: [
        {
          id: 'first',
          customerId: 'edge',
          placedAt: '1970-01-01T00:00:00Z',
          lines: [{ sku: 'MAX', quantity: 100, unitPrice: '9999999999.99' }],
        },
        {
          id: 'return',
          customerId: 'edge',
          placedAt: new Date(now + 23 * hour).toISOString(),
          lines: [{ sku: 'MAX', quantity: -100, unitPrice: maxPrice }],
        },
        {
          id: 'bulk',
          customerId: 'edge',
          placedAt: new Date(now - hour).toISOString(),
          lines: [
            { sku: 'FREE', quantity: 1_000_000, unitPrice: '0' },
            { sku: 'CENT', quantity: -1_000_000, unitPrice: '0.01' },
          ],
        },
      ],
    });
    expect(orders.json()).toMatchObject({ stored: 3, errors: [] });
    const events = await ingest('events', {
      items: [
        event('e-first', { customerId: 'edge', occurredAt: '1970-01-01T00:00:00Z' }),
        event('e-last', {
          customerId: 'edge',
          occurredAt: new Date(now + 23 * hour).toISOString(),
        }),
      ],
    });
    expect(events.json()).toMatchObject({ stored: 2, errors: [] });

    const answers = await readEverything();
    type Listed = {
      id: number;
      startAt: string;
      endAt: string;
      offer: { amountOff: string | null; giftCost: string | null };
    };
    const listed = (answers.get('/campaigns') as { items: Listed[] }).items;
    const byId = (code: string) => listed.find((c) => c.id === ids.get(code));
    expect(byId('EDGEMAX')).toMatchObject({
      startAt: earliest,
      endAt: latest,
      offer: { amountOff: '9999999999.99' },
    });
    expect(byId('EDGEMIN')?.offer.amountOff).toBe('0.01');
    expect(byId('EDGEGIFT')?.offer.giftCost).toBe('9999999999.99');
    expect(byId('EDGEFREE')?.offer.giftCost).toBe('0.00');
    expect(byId('EDGE90')).toMatchObject({ startAt: earliest, endAt: latest });
    const effects = answers.get('/analytics/campaigns') as {
      campaigns: { id: number; startDay: string; endDay: string }[];
    };
    expect(effects.campaigns.find((c) => c.id === ids.get('EDGEMAX'))).toMatchObject({
      startDay: '1900-01-01',
      endDay: '2199-12-31',
    });
    const edge = await prisma().customer.findFirstOrThrow({ where: { externalId: 'edge' } });
    const card = answers.get(`/users/${edge.id}`) as {
      recentOrders: { externalId: string; total: string; placedAt: string }[];
    };
    expect(card.recentOrders.map((o) => [o.externalId, o.total])).toEqual(
      expect.arrayContaining([
        ['first', '999999999999.00'],
        ['return', '-999999999999.00'],
        ['bulk', '-10000.00'],
      ]),
    );
    expect(card.recentOrders.find((o) => o.externalId === 'first')?.placedAt).toBe(
      '1970-01-01T00:00:00.000Z',
    );
  });

  it('refuses dates and amounts past the bounds with the field named, and stores nothing', async () => {
    const before = await counts();
    type Change = { offer?: object } & Record<string, unknown>;
    const refused: [string, Change, RegExp][] = [
      ['endAt', { endAt: '2200-01-01T00:00:00.000Z' }, /body\.endAt: is after 2199-12-31/],
      ['endAt', { endAt: '+010000-01-01T00:00:00.000Z' }, /body\.endAt: must be an ISO 8601/],
      ['endAt', { endAt: '10000-01-01' }, /body\.endAt: must be an ISO 8601/],
      ['startAt', { startAt: '1899-12-31T23:59:59.999Z' }, /body\.startAt: is before 1900-01-01/],
      // Not 1950: a two-digit year is not taken for the 1900s.
      ['startAt', { startAt: '0050-01-01' }, /body\.startAt: is before 1900-01-01/],
      ['startAt', { startAt: null }, /body\.startAt: must be an ISO 8601/],
      ['startAt', { startAt: 0 }, /body\.startAt: must be an ISO 8601/],
      ['startAt', { startAt: 'soon' }, /body\.startAt: must be an ISO 8601/],
      ['endAt', { startAt: latest, endAt: '2199-12-31' }, /endAt must be after startAt/],
      ['endAt', { startAt: earliest, endAt: '1999-01-01' }, /endAt must be in the future/],
      [
        'amountOff',
        { offer: { kind: 'discount_amount', amountOff: 10_000_000_000 } },
        /body\.offer\.amountOff: must be at most 9999999999\.99/,
      ],
      [
        'amountOff',
        { offer: { kind: 'discount_amount', amountOff: 0 } },
        /body\.offer\.amountOff: must be at least 0\.01/,
      ],
      [
        'amountOff',
        { offer: { kind: 'discount_amount', amountOff: 1.005 } },
        /body\.offer\.amountOff: must have at most 2 decimals/,
      ],
      [
        'giftCost',
        { offer: { kind: 'gift', gift: 'x', giftCost: -0.01 } },
        /body\.offer\.giftCost: must be at least 0/,
      ],
      [
        'giftCost',
        { offer: { kind: 'gift', gift: 'x', giftCost: 1e12 } },
        /body\.offer\.giftCost: must be at most 9999999999\.99/,
      ],
      [
        'percentOff',
        { offer: { kind: 'discount_percent', percentOff: 91 } },
        /body\.offer\.percentOff/,
      ],
      ['minValueAtRisk', { target: { minValueAtRisk: 1e13 } }, /body\.target\.minValueAtRisk/],
      ['controlShare', { controlShare: 0.51 }, /body\.controlShare/],
    ];
    for (const [field, { offer, ...change }, reason] of refused) {
      const valid = campaign(
        'REFUSED',
        offer ?? { kind: 'discount_percent', percentOff: 10 },
        widest,
      );
      const res = await api('POST', '/campaigns', { ...valid, ...change });
      expect(res.statusCode, `${field} ${JSON.stringify(change)}`).toBe(400);
      expect(res.json().message, field).toMatch(reason);
    }
    // Numbers JSON reads as Infinity are refused too.
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: JSON.stringify(
        campaign('HUGE', { kind: 'discount_amount', amountOff: 1 }, widest),
      ).replace('"amountOff":1', '"amountOff":1e400'),
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().message).toMatch(/body\.offer\.amountOff/);

    const now = Date.now();
    const order = (id: string, extra: object) => ({
      id,
      customerId: 'edge2',
      placedAt: '2025-01-01T00:00:00Z',
      lines: [{ sku: 'TEA', quantity: 1, unitPrice: '1.00' }],
      ...extra,
    });
    const orders = await ingest('orders', {
      items: [
        order('early', { placedAt: '1969-12-31T23:59:59Z' }),
        order('ahead', { placedAt: new Date(now + 25 * hour).toISOString() }),
        order('y10k', { placedAt: '+010000-01-01T00:00:00Z' }),
        order('price', { lines: [{ sku: 'TEA', quantity: 1, unitPrice: '10000000000.00' }] }),
        order('negative', { lines: [{ sku: 'TEA', quantity: 1, unitPrice: '-1.00' }] }),
        order('units', { lines: [{ sku: 'TEA', quantity: 1_000_001, unitPrice: '1.00' }] }),
        order('line', { lines: [{ sku: 'TEA', quantity: 101, unitPrice: maxPrice }] }),
        order('total', {
          lines: [
            { sku: 'TEA', quantity: 100, unitPrice: maxPrice },
            { sku: 'MUG', quantity: 1, unitPrice: '1.00' },
          ],
        }),
      ],
    });
    expect(orders.statusCode).toBe(400);
    expect(
      orders.json().errors.map((e: { index: number; field: string }) => `${e.index} ${e.field}`),
    ).toEqual([
      '0 placedAt',
      '1 placedAt',
      '2 placedAt',
      '3 lines[0].unitPrice',
      '4 lines[0].unitPrice',
      '5 lines[0].quantity',
      '6 lines[0]',
      '6 lines',
      '7 lines',
    ]);
    const reasons = orders.json().errors.map((e: { reason: string }) => e.reason);
    expect(reasons[0]).toBe('is before 1970-01-01 (1969-12-31T23:59:59Z)');
    expect(reasons[1]).toMatch(/^is more than a day ahead/);
    const events = await ingest('events', {
      items: [
        event('early', { customerId: 'edge2', occurredAt: '1969-12-31T23:59:59Z' }),
        event('ahead', {
          customerId: 'edge2',
          occurredAt: new Date(now + 25 * hour).toISOString(),
        }),
      ],
    });
    expect(events.statusCode).toBe(400);
    expect(events.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'occurredAt',
      'occurredAt',
    ]);

    // The CSV import: each row past the bounds rejected by line and column, none loaded.
    const dir = await scratchDir();
    const file = path.join(dir, 'edges.csv');
    await writeFile(
      file,
      [
        'order_id,customer_id,date,sku,quantity,unit_price', // line 1
        'X1,C9,2200-01-01,S1,1,1.00', // 2: a date in 2200
        'X2,C9,1969-12-31,S1,1,1.00', // 3: before 1970
        'X3,C9,0050-06-01,S1,1,1.00', // 4: year 50, not 1950
        'X4,C9,2024-01-01,S1,1,10000000000.00', // 5: a price past numeric(12,2)
        'X5,C9,2024-01-01,S1,1,-1.00', // 6: a negative price
        'X6,C9,2024-01-01,S1,1000001,1.00', // 7: too many units
        'X7,C9,2024-01-01,S1,101,9999999999.99', // 8: a line past numeric(14,2)
      ].join('\n'),
    );
    const report = path.join(dir, 'rejects.csv');
    const s = await importFile(t.database.db, file, { reportPath: report, maxErrors: 100 });
    expect(s).toMatchObject({ read: 7, loaded: 0, rejected: 7 });
    const rows = (await readFile(report, 'utf8')).trim().split('\n').slice(1);
    expect(rows.map((r) => r.split(',').slice(0, 2).join(','))).toEqual([
      '2,date',
      '3,date',
      '4,date',
      '5,unit_price',
      '6,unit_price',
      '7,quantity',
      '8,unit_price',
    ]);
    expect(rows[0]).toMatch(/more than a day ahead/);
    expect(rows[1]).toMatch(/is before 1970-01-01/);
    expect(rows[3]).toMatch(/must be at most 9999999999\.99/);
    expect(rows[6]).toMatch(/quantity × price must be between/);

    const profiles = path.join(dir, 'customers.csv');
    await writeFile(profiles, 'id,name,signup_date\nK1,Ann,2300-01-01\nK2,Bob,1899-12-31\n');
    const c = await importFile(t.database.db, profiles, { kind: 'customers', maxErrors: 100 });
    expect(c).toMatchObject({ loaded: 0, rejected: 2 });
    const catalogue = path.join(dir, 'products.csv');
    await writeFile(
      catalogue,
      'sku,name,price,price_from\nP1,Pen,10000000000,2024-01-01\nP2,Cap,1.00,2200-01-01\n',
    );
    const p = await importFile(t.database.db, catalogue, { kind: 'products', maxErrors: 100 });
    expect(p).toMatchObject({ loaded: 0, rejected: 2 });
    const cdnow = path.join(dir, 'cdnow.txt');
    await writeFile(cdnow, '1 21000101 1 10.00\n2 19970101 1 100000000000.00\n');
    const d = await importFile(t.database.db, cdnow, {
      kind: 'cdnow',
      source: 'cdnow',
      reportPath: report,
    });
    expect(d).toMatchObject({ loaded: 0, rejected: 2 });
    expect((await readFile(report, 'utf8')).trim().split('\n').slice(1)).toEqual([
      expect.stringMatching(/^1,date,/),
      expect.stringMatching(/^2,dollar_value,the price of one CD must be between/),
    ]);

    expect(await counts()).toEqual(before);
  });

  it('answers every list with rows written by hand past what a JSON date shows', async () => {
    const edge = await prisma().customer.findFirstOrThrow({ where: { externalId: 'edge' } });
    const y10k = `'10000-01-01 00:00:00+00'`;
    const last = `'294276-12-31 23:59:59+00'`;
    const first = `'4713-11-24 00:00:00+00 BC'`;
    for (const sql of [
      `UPDATE campaigns SET end_at = ${y10k} WHERE id = ${ids.get('EDGEMAX')}`,
      `UPDATE campaigns SET start_at = ${first}, end_at = ${last}, launched_at = ${y10k} WHERE id = ${ids.get('EDGEGIFT')}`,
      `UPDATE offers SET valid_to = ${y10k} WHERE code = 'EDGEMAX'`,
      `UPDATE offers SET valid_from = ${first}, valid_to = ${last} WHERE code = 'EDGEGIFT'`,
      `UPDATE offer_assignments SET assigned_at = ${y10k}, opened_at = ${last}, redeemed_at = ${first}`,
      `UPDATE orders SET placed_at = ${y10k} WHERE external_id = 'first'`,
      `UPDATE orders SET placed_at = ${first} WHERE external_id = 'O0'`,
      `UPDATE customers SET signup_at = ${y10k} WHERE id = ${f.clientA}`,
      `UPDATE customers SET signup_at = ${first} WHERE id = ${edge.id}`,
      `INSERT INTO contracts (external_id, customer_id, plan, start_at, end_at, monthly_amount)
         VALUES ('K-edge', ${edge.id}, 'gold', ${first}, ${y10k}, 9999999999.99)`,
      `INSERT INTO customer_notes (customer_id, text, created_at) VALUES (${edge.id}, 'late', ${last})`,
      `INSERT INTO audit_log (actor_role, action, target_type, target_id, at)
         VALUES ('admin', 'customer.tag', 'customer', '${edge.id}', ${y10k})`,
      `UPDATE customer_scores SET scored_at = ${y10k}`,
      `UPDATE model_runs SET as_of = ${y10k}, finished_at = ${first}`,
      `INSERT INTO product_prices (product_id, price, valid_from)
         SELECT id, 1, ${first} FROM products WHERE sku = 'MUG-1'`,
    ]) {
      await prisma().$executeRawUnsafe(sql);
    }

    const answers = await readEverything();
    // Every date in every answer is a four-digit-year instant or day.
    const dates = JSON.stringify([...answers.values()]).match(/"\+?\d{5,}-[^"]*"|"[^"]* BC"/g);
    expect(dates).toBeNull();
    type Listed = { id: number; startAt: string; endAt: string; launchedAt: string };
    const listed = (answers.get('/campaigns') as { items: Listed[] }).items;
    const max = listed.find((c) => c.id === ids.get('EDGEMAX'));
    expect(max).toMatchObject({ startAt: earliest, endAt: '9999-12-31T23:59:59.999Z' });
    const gift = listed.find((c) => c.id === ids.get('EDGEGIFT'));
    for (const at of [gift?.startAt, gift?.endAt, gift?.launchedAt]) expect(at).toMatch(isoInstant);
    const effects = answers.get('/analytics/campaigns') as {
      campaigns: { id: number; startDay: string; endDay: string }[];
    };
    expect(effects.campaigns.find((c) => c.id === ids.get('EDGEGIFT'))).toMatchObject({
      startDay: '0001-01-01',
      endDay: '9999-12-31',
    });
    const card = answers.get(`/users/${edge.id}`) as {
      signupAt: string;
      contracts: { startAt: string; endAt: string; monthlyAmount: string }[];
    };
    expect(card.contracts[0]).toMatchObject({
      endAt: '9999-12-31T23:59:59.999Z',
      monthlyAmount: '9999999999.99',
    });
    expect(card.contracts[0]?.startAt).toMatch(isoInstant);
    const a = answers.get(`/users/${f.clientA}`) as { signupAt: string };
    expect(a.signupAt).toBe('9999-12-31T23:59:59.999Z');
  });
});
