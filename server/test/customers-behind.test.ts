// The customers behind a dashboard count: for every kind of number (count KPIs, cohort cells,
// segments, RFM segments and cells, the at-risk total, a campaign's groups), over ranges and
// filters, and in a scoped manager's region, the list holds exactly as many customers as the
// number says, each once, and only customers the viewer may see.
import { countKpis } from '@retention/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../src/analytics/clock.ts';
import { trainChurn } from '../src/ml/churn/train-churn.ts';
import { trainSegments } from '../src/ml/segments/train-segments.ts';
import type { TestApp } from './helpers/build-app.ts';
import { demoTestApp } from './helpers/demo-app.ts';
import { people, tma } from './helpers/fixtures.ts';

type Who = { id: number; first_name: string };
type Page = {
  total: number;
  page: number;
  items: { id: number; region: string | null; lastOrderDay: string | null }[];
  definition: { keys: string[] };
};

describe('customers behind a number', () => {
  let t: TestApp;
  const get = async <T>(url: string, who: Who = people.admin): Promise<T> => {
    const res = await t.app.inject({ url: `/api/v1/analytics/${url}`, headers: tma(who) });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as T;
  };
  /** Every customer of the list, walking its pages. */
  const everyone = async (query: string, who: Who = people.admin) => {
    const ids: number[] = [];
    let total = 0;
    for (let page = 1; page <= 50; page++) {
      const p = await get<Page>(`customers?${query}&pageSize=100&page=${page}`, who);
      total = p.total;
      ids.push(...p.items.map((c) => c.id));
      if (p.items.length < 100) break;
    }
    return { ids, total };
  };
  beforeAll(async () => {
    t = await demoTestApp(300);
  });
  afterAll(() => t?.close());

  it('lists exactly the customers each count KPI counted, for every range and filter', async () => {
    const options = await get<{ regions: string[]; channels: string[] }>('options');
    const filters = [
      '',
      `region=${encodeURIComponent(options.regions[0]!)}`,
      `channel=${encodeURIComponent(options.channels[0]!)}`,
      'segment=champions',
    ];
    const ranges = ['', 'granularity=week', 'from=2024-01-01&to=2024-06-30', 'from=2020-01-01'];
    let nonZero = 0;
    for (const range of ranges) {
      for (const filter of filters) {
        const query = [range, filter].filter(Boolean).join('&');
        const dashboard = await get<{ kpis: Record<string, { value: number }> }>(
          `dashboard?${query}`,
        );
        for (const kpi of countKpis) {
          const { ids, total } = await everyone(`${query}&kpi=${kpi}`);
          const card = dashboard.kpis[kpi]?.value;
          expect(total, `${kpi} ${query}`).toBe(card);
          expect(ids.length, `${kpi} ${query}`).toBe(card);
          expect(new Set(ids).size, `${kpi} ${query}: each once`).toBe(ids.length);
          if (total > 0) nonZero++;
        }
      }
    }
    // The cases are not all empty ones.
    expect(nonZero).toBeGreaterThan(30);
  });

  it('lists exactly the customers of a cohort cell, in the period and in or after it', async () => {
    type Retention = {
      cohorts: {
        period: { start: string };
        size: number;
        cells: { k: number; customers: number; onOrAfter: number }[];
      }[];
    };
    let checked = 0;
    for (const query of ['', 'granularity=week&from=2026-06-01', 'segment=champions']) {
      const report = await get<Retention>(`retention?${query}`);
      // Every third cohort, and in it the first cells and the last.
      for (const cohort of report.cohorts.filter((_, i) => i % 3 === 0)) {
        for (const cell of cohort.cells.filter((_, i, all) => i < 3 || i === all.length - 1)) {
          const at = `${query}&cohort=${cohort.period.start}&k=${cell.k}`;
          const on = await everyone(`${at}&kpi=cohort`);
          const later = await everyone(`${at}&kpi=cohortOnOrAfter`);
          expect([on.total, on.ids.length], at).toEqual([cell.customers, cell.customers]);
          expect([later.total, later.ids.length], at).toEqual([cell.onOrAfter, cell.onOrAfter]);
          // Those back in the period are among those back then or later.
          expect(
            on.ids.every((id) => later.ids.includes(id)),
            at,
          ).toBe(true);
          if (cell.k === 0) expect(on.total, at).toBe(cohort.size);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    // A cell past the range's end has no one; a cohort cell without its place is refused.
    expect((await get<Page>('customers?kpi=cohort&cohort=2026-01-01&k=999')).total).toBe(0);
    const refused = await t.app.inject({
      url: '/api/v1/analytics/customers?kpi=cohort&k=1',
      headers: tma(people.admin),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/cohort/);
  });

  it('lists the customers of a segment, an RFM segment or cell, the at-risk total and a campaign’s groups', async () => {
    const none = await get<Page>('customers?kpi=atRisk');
    expect(none.total, 'before any churn model, no one is at risk').toBe(0);
    const asOf = todayIn('UTC');
    await trainSegments(t.app.db, { asOf });
    await trainChurn(t.app.db, { windowDays: 90, timeZone: 'UTC', asOf });
    await t.app.analytics.refresher.refresh();
    const launched = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: tma(people.admin),
      payload: {
        name: 'Win back',
        offer: { code: 'BEHIND15', title: '15% off', kind: 'discount_percent', percentOff: 15 },
        target: { minChurnProbability: 0 },
        controlShare: 0.3,
        startAt: new Date(Date.now() - 60_000).toISOString(),
        endAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        seed: 7,
      },
    });
    expect(launched.statusCode, launched.body).toBe(201);
    const campaign = launched.json().id as number;
    // Three targeted members redeemed the offer.
    const redeemers = await t.app.prisma.offerAssignment.findMany({
      where: { campaignId: campaign },
      take: 3,
      select: { id: true },
    });
    await t.app.prisma.offerAssignment.updateMany({
      where: { id: { in: redeemers.map((a) => a.id) } },
      data: { redeemedAt: new Date() },
    });
    await t.app.analytics.refresher.refresh();

    type Segments = { segments: { name: string; customers: number }[] };
    type Rfm = {
      segments: { slug: string; customers: number }[];
      grid: { r: number; f: number; customers: number }[];
    };
    type Campaigns = {
      campaigns: {
        id: number;
        redeemed: number;
        target: { members: number };
        control: { members: number };
      }[];
    };
    const same = async (query: string, expected: number, who: Who) => {
      const { ids, total } = await everyone(query, who);
      expect([total, ids.length], query).toEqual([expected, expected]);
      expect(new Set(ids).size, `${query}: each once`).toBe(ids.length);
      return total;
    };
    let nonZero = 0;
    const cases: [string, Who][] = [
      ['', people.admin],
      ['region=North', people.admin],
      ['from=2020-01-01&segment=champions', people.admin],
      ['', people.northManager],
    ];
    for (const [filter, who] of cases) {
      const at = (q: string) => [filter, q].filter(Boolean).join('&');
      const segments = await get<Segments>(`segments?${filter}`, who);
      // Segmentation has at least 3 segments; the champions alone may all fall in one.
      expect(segments.segments.length, filter).toBeGreaterThan(filter.includes('segment=') ? 0 : 1);
      for (const s of segments.segments) {
        const name = encodeURIComponent(s.name);
        if (await same(at(`kpi=segment&name=${name}`), s.customers, who)) nonZero++;
      }
      const rfm = await get<Rfm>(`rfm?${filter}`, who);
      for (const s of rfm.segments) {
        if (await same(at(`kpi=rfmSegment&name=${s.slug}`), s.customers, who)) nonZero++;
      }
      for (const cell of rfm.grid.filter((_, i) => i % 4 === 0)) {
        await same(at(`kpi=rfmCell&r=${cell.r}&f=${cell.f}`), cell.customers, who);
      }
      // The at-risk total is the latest run's, over the filters and not a range.
      const filters = filter.replace(/from=[^&]*&?/, '');
      const risk = await get<{ totals: { atRisk: number } }>(`churn-risk?${filters}`, who);
      if (await same(at('kpi=atRisk'), risk.totals.atRisk, who)) nonZero++;
      const campaigns = await get<Campaigns>(`campaigns?${filter}`, who);
      const c = campaigns.campaigns.find((x) => x.id === campaign);
      expect(c, filter).toBeDefined();
      const of = (kind: string) => at(`kpi=${kind}&campaign=${campaign}`);
      if (await same(of('campaignTargeted'), c?.target.members ?? -1, who)) nonZero++;
      if (await same(of('campaignControl'), c?.control.members ?? -1, who)) nonZero++;
      await same(of('campaignRedeemed'), c?.redeemed ?? -1, who);
    }
    expect(nonZero).toBeGreaterThan(20);
    const redeemed = await everyone(`kpi=campaignRedeemed&campaign=${campaign}`);
    expect(redeemed.total).toBe(3);
    // A scoped manager's lists hold their region only.
    const north = await get<Page>('customers?kpi=atRisk&pageSize=100', people.northManager);
    expect(north.items.every((x) => x.region === 'North')).toBe(true);
    // What names a number must be there, and be one.
    const refused = [
      ['kpi=segment', 400, /name/],
      ['kpi=rfmSegment&name=heroes', 400, /RFM segment/],
      ['kpi=rfmCell&r=6&f=1', 400, /r/],
      ['kpi=rfmCell&r=1', 400, /f/],
      ['kpi=campaignTargeted', 400, /campaign/],
      [`kpi=campaignControl&campaign=${campaign + 1000}`, 404, /campaign/i],
      ['kpi=cohort&cohort=1997-13-45&k=0', 400, /cohort/],
      ['kpi=atRisk&name=champions', 400, /atRisk takes no `name`/],
      ['kpi=activeAtEnd&campaign=1', 400, /takes no `campaign`/],
    ] as const;
    for (const [query, status, message] of refused) {
      const res = await t.app.inject({
        url: `/api/v1/analytics/customers?${query}`,
        headers: tma(people.admin),
      });
      expect(res.statusCode, `${query}: ${res.body}`).toBe(status);
      expect(res.json().message, query).toMatch(message);
    }
  });

  it('shows a scoped manager the customers of their region only, as the admin sees them', async () => {
    for (const kpi of countKpis) {
      const mine = await everyone(`kpi=${kpi}`, people.northManager);
      const admins = await everyone(`kpi=${kpi}&region=North`);
      expect(mine.ids.sort(), kpi).toEqual(admins.ids.sort());
      const dashboard = await get<{ kpis: Record<string, { value: number }> }>(
        'dashboard',
        people.northManager,
      );
      expect(mine.total, kpi).toBe(dashboard.kpis[kpi]?.value);
    }
    const page = await get<Page>('customers?kpi=activeAtEnd&pageSize=100', people.northManager);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((c) => c.region === 'North')).toBe(true);
  });

  it('exports a whole list as CSV for Excel: a byte order mark, every customer once', async () => {
    const query = 'kpi=activeAtEnd&from=2020-01-01';
    const { ids, total } = await everyone(query);
    const res = await t.app.inject({
      url: `/api/v1/analytics/customers?${query}&format=csv`,
      headers: tma(people.admin),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'customer_id,external_id,name,region,channel,orders,revenue,first_order_day,last_order_day',
    );
    expect(lines).toHaveLength(total + 1);
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(ids);
  });

  it('orders by the latest order, says what it counted, and refuses what it cannot answer', async () => {
    const page = await get<Page>('customers?kpi=activeAtEnd&pageSize=50');
    const days = page.items.map((c) => c.lastOrderDay ?? '');
    expect(days).toEqual([...days].sort().reverse());
    expect(page.definition.keys).toEqual(['active']);
    // Every order pages the same customers; a page past the end still says how many there are.
    type Sorted = { total: number; items: { id: number; name: string | null; revenue: string }[] };
    const byRevenue = await get<Sorted>('customers?kpi=activeAtEnd&pageSize=100&sort=revenue');
    const revenues = byRevenue.items.map((c) => Number(c.revenue));
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    const byName = await get<Sorted>('customers?kpi=activeAtEnd&pageSize=100&sort=name');
    const names = byName.items.map((c) => c.name ?? '');
    expect(names.filter((n, i) => i > 0 && n < (names[i - 1] ?? '')).length).toBeLessThan(3);
    expect(byName.total).toBe(page.total);
    const past = await get<Sorted>('customers?kpi=activeAtEnd&pageSize=100&page=9999');
    expect([past.total, past.items.length]).toEqual([page.total, 0]);
    const refused = [
      ['customers?kpi=revenue', people.admin, 400],
      ['customers?kpi=activeAtEnd&pageSize=1000', people.admin, 400],
      ['customers?kpi=activeAtEnd', people.clientA, 403],
      ['customers?kpi=activeAtEnd&region=South', people.northManager, 403],
    ] as const;
    for (const [url, who, status] of refused) {
      const res = await t.app.inject({ url: `/api/v1/analytics/${url}`, headers: tma(who) });
      expect(res.statusCode, url).toBe(status);
      expect(res.json().message, url).toBeTruthy();
    }
  });
});
