// The customers behind a dashboard count: for every count KPI, over ranges and filters, and
// in a scoped manager's region, the list holds exactly as many customers as the card says,
// each once, and only customers the viewer may see.
import { countKpis } from '@retention/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('orders by the latest order, says what it counted, and refuses what it cannot answer', async () => {
    const page = await get<Page>('customers?kpi=activeAtEnd&pageSize=50');
    const days = page.items.map((c) => c.lastOrderDay ?? '');
    expect(days).toEqual([...days].sort().reverse());
    expect(page.definition.keys).toEqual(['active']);
    const refused = [
      ['customers?kpi=revenue', people.admin, 400],
      ['customers', people.admin, 400],
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
