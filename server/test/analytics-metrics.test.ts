// Every metric on the hand-built business of helpers/analytics-fixture.ts, with the
// expected values worked out by hand in the comments (W = 30 days, UTC).
//
// Spells (days active, [start, end) — end is the churn date):
//   A [Jan 10, Mar 6)  orders Jan 10 and Feb 5 overlap
//   B [Jan 20, Feb 19)
//   C [Jan 31, Mar 31) Mar 1 = Jan 31 + 30: the intervals touch, so C never churns in between
//   D [Jan 15, Feb 14) and [Feb 15, Mar 16): Feb 15 is one day late, D churns and returns
//   E [Feb 10, Mar 11) the cancelled March order does not count
//   F [Jan 1, ∞)       contracts Jan 1-Feb 15 and from Feb 15 touch
//   G [Jan 1, Feb 20)
//   H [Feb 1, ∞)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsTestApp } from './helpers/analytics-fixture.ts';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { people, tma } from './helpers/fixtures.ts';

const q1 = 'from=2024-01-01&to=2024-03-31';

describe('analytics metrics on a hand-worked business', () => {
  let t: TestApp;
  const get = async (path: string, who: { id: number; first_name: string } = people.admin) => {
    const res = await t.app.inject({ url: `/api/v1/analytics/${path}`, headers: tma(who) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  beforeAll(async () => {
    ({ t } = await analyticsTestApp());
  });
  afterAll(() => t?.close());

  it('counts active, new and churned customers, orders and revenue per month', async () => {
    const { periods, definition } = await get(`churn?${q1}`);
    expect(definition).toMatchObject({ windowDays: 30, timeZone: 'UTC', from: '2024-01-01' });
    expect(periods.map((p: { period: unknown }) => p.period)).toEqual([
      { start: '2024-01-01', end: '2024-01-31', partial: false },
      { start: '2024-02-01', end: '2024-02-29', partial: false },
      { start: '2024-03-01', end: '2024-03-31', partial: false },
    ]);
    // January: nobody active on Dec 31; A B C D F G active on Jan 31; no churn yet.
    expect(periods[0]).toMatchObject({
      activeAtStart: 0,
      activeAtEnd: 6,
      activeInPeriod: 6,
      newCustomers: 6,
      churnedCustomers: 0,
      churnRate: null,
      retentionRate: null,
      orders: 4,
      buyers: 4,
      revenue: '190.00', // 100 + 30 + 20 + 40
      aov: '47.50',
      arpu: '31.67', // 190 / 6
    });
    // February: B (Feb 19), D (Feb 14) and G (Feb 20) churn; D counts once in activeInPeriod
    // although two of its spells touch February; E and H are new.
    expect(periods[1]).toMatchObject({
      activeAtStart: 6,
      activeAtEnd: 6, // A C D E F H
      activeInPeriod: 8,
      newCustomers: 2,
      churnedCustomers: 3,
      churnRate: 0.5,
      retentionRate: 0.5,
      orders: 3,
      buyers: 3,
      revenue: '310.00',
      aov: '103.33',
      arpu: '38.75',
    });
    // March: A (Mar 6), E (Mar 11), D (Mar 16), C (Mar 31) churn; only F and H remain.
    expect(periods[2]).toMatchObject({
      activeAtStart: 6,
      activeAtEnd: 2,
      activeInPeriod: 6,
      newCustomers: 0,
      churnedCustomers: 4,
      orders: 1,
      revenue: '20.00',
    });
    expect(periods[2].churnRate).toBeCloseTo(4 / 6, 12);
  });

  it('computes NRR and GRR of contract customers with expansion and churn', async () => {
    const { periods } = await get(`churn?${q1}`);
    // January opens with nobody under contract (Dec 31): undefined, not 0.
    expect(periods[0].revenueRetention).toMatchObject({ mrrAtStart: '0.00', nrr: null, grr: null });
    // February: open (Jan 31) F 10 + G 20 = 30; close (Feb 29) F 15 (expanded), G gone, H new 5.
    expect(periods[1].revenueRetention).toMatchObject({
      customersAtStart: 2,
      customersKept: 1,
      mrrAtStart: '30.00',
      mrrKept: '15.00',
      expansion: '5.00',
      contraction: '0.00',
      churned: '20.00',
      newMrr: '5.00',
      mrrAtEnd: '20.00',
      nrr: 0.5,
    });
    expect(periods[1].revenueRetention.grr).toBeCloseTo(10 / 30, 12); // min(10, 15) + min(20, 0)
    // March: F 15 and H 5 at both ends.
    expect(periods[2].revenueRetention).toMatchObject({ mrrAtStart: '20.00', nrr: 1, grr: 1 });
  });

  it('splits weeks on Mondays and cuts the first and last to the range', async () => {
    const { periods } = await get('churn?from=2024-02-01&to=2024-02-29&granularity=week');
    expect(periods.map((p: { period: { start: string; partial: boolean } }) => p.period)).toEqual([
      { start: '2024-02-01', end: '2024-02-04', partial: true },
      { start: '2024-02-05', end: '2024-02-11', partial: false },
      { start: '2024-02-12', end: '2024-02-18', partial: false },
      { start: '2024-02-19', end: '2024-02-25', partial: false },
      { start: '2024-02-26', end: '2024-02-29', partial: true },
    ]);
    const pick = (key: string) => periods.map((p: Record<string, unknown>) => p[key]);
    expect(pick('churnedCustomers')).toEqual([0, 0, 1, 2, 0]); // D Feb 14; B Feb 19, G Feb 20
    expect(pick('activeAtStart')).toEqual([6, 7, 8, 8, 6]);
    expect(pick('churnRate')).toEqual([0, 0, 1 / 8, 2 / 8, 0]);
  });

  it('builds the cohort matrix in its three variants', async () => {
    const { cohorts } = await get(`retention?${q1}`);
    expect(cohorts.map((c: { size: number }) => c.size)).toEqual([4, 1, 0]); // ABCD, E, none
    const jan = cohorts[0].cells;
    expect(jan.map((c: { customers: number }) => c.customers)).toEqual([4, 2, 1]); // A D; C
    expect(jan.map((c: { share: number }) => c.share)).toEqual([1, 0.5, 0.25]);
    expect(jan.map((c: { onOrAfter: number }) => c.onOrAfter)).toEqual([4, 3, 1]); // A C D; C
    expect(jan.map((c: { revenue: string }) => c.revenue)).toEqual(['190.00', '110.00', '20.00']);
    expect(jan[1].revenueShare).toBeCloseTo(110 / 190, 12);
    const feb = cohorts[1].cells;
    expect(feb).toHaveLength(2);
    expect(feb[1]).toMatchObject({ customers: 0, share: 0, onOrAfter: 0, revenue: '0.00' });
    expect(cohorts[2]).toMatchObject({ size: 0, revenue: '0.00' });
    expect(cohorts[2].cells[0]).toMatchObject({ customers: 0, share: null });
  });

  it('weights the retention curve by cohort size and gives historical LTV', async () => {
    const { points } = await get(`retention-curve?${q1}`);
    expect(points.map((p: { k: number; cohorts: number }) => [p.k, p.cohorts])).toEqual([
      [0, 2],
      [1, 2],
      [2, 1],
    ]);
    expect(points.map((p: { retention: number }) => p.retention)).toEqual([1, 2 / 5, 1 / 4]);
    const ltv = await get(`ltv?${q1}`);
    // k=0: (190 + 200) / 5; k=1: (300 + 200) / 5; k=2: 320 / 4.
    expect(
      ltv.historical.map(
        (p: { cumulativeRevenuePerCustomer: string }) => p.cumulativeRevenuePerCustomer,
      ),
    ).toEqual(['78.00', '100.00', '80.00']);
    // Simple LTV: monthly ARPU = 520 / (6 + 8 + 6); churn = 7 / (0 + 6 + 6).
    expect(ltv.simple.monthlyArpu).toBe('26.00');
    expect(ltv.simple.monthlyChurnRate).toBeCloseTo(7 / 12, 12);
    expect(ltv.simple.ltv).toBe('44.57'); // 26 × 1 ÷ (7/12)
  });

  it('leaves out the curve cells of a cut period', async () => {
    const { points } = await get('retention-curve?from=2024-01-01&to=2024-03-15');
    expect(points.map((p: { k: number }) => p.k)).toEqual([0, 1]); // March is cut short
    expect(points[1].retention).toBe(2 / 4); // only the January cohort has a whole c + 1
  });

  it('scores RFM with shared scores for ties and names the segments', async () => {
    const rfm = await get('rfm?to=2024-03-31');
    // Recency on Mar 31: B 71, A 55, E 50, D 45, C 30 → r 1..5. Frequency: B E 1, A C D 2 →
    // ties share percent rank: f 1 and 3.
    expect(rfm.customers).toBe(5);
    const count = (slug: string) =>
      rfm.segments.find((s: { slug: string }) => s.slug === slug).customers;
    expect(count('lost')).toBe(1); // B r1 f1
    expect(count('at_risk')).toBe(1); // A r2 f3
    expect(count('hibernating')).toBe(1); // E r3 f1
    expect(count('potential_loyalists')).toBe(2); // D r4 f3, C r5 f3
    expect(count('champions')).toBe(0);
    const cell = (r: number, f: number) =>
      rfm.grid.find((g: { r: number; f: number }) => g.r === r && g.f === f).customers;
    expect([cell(1, 1), cell(2, 3), cell(3, 1), cell(4, 3), cell(5, 3)]).toEqual([1, 1, 1, 1, 1]);
    // The segment filter selects by these segments as of the range end.
    const lost = await get(`churn?${q1}&segment=lost`);
    expect(lost.periods[0]).toMatchObject({ newCustomers: 1, revenue: '30.00' }); // B only
  });

  it('accounts new, returning, resurrecting and dormant buyers per month', async () => {
    const { periods } = await get(`lifecycle?${q1}`);
    const rows = periods.map(({ period, ...rest }: { period: unknown }) => rest);
    expect(rows).toEqual([
      { newCustomers: 4, returning: 0, resurrecting: 0, dormant: 0, quickRatio: null },
      { newCustomers: 1, returning: 2, resurrecting: 0, dormant: 2, quickRatio: 0.5 }, // E; A D; B C
      { newCustomers: 0, returning: 0, resurrecting: 1, dormant: 3, quickRatio: 1 / 3 }, // C; A D E
    ]);
  });

  it('measures DAU/MAU from events', async () => {
    const { periods } = await get(`stickiness?${q1}`);
    expect(periods[0]).toMatchObject({ averageDau: 0, mau: 0, dauOverMau: null });
    expect(periods[1]).toMatchObject({ averageDau: 1 / 29, mau: 1 }); // F on Feb 15
    // March: (A Mar 1, A Mar 2, B Mar 1) / 31 days; the 30 days to Mar 31 start Mar 2: A only.
    expect(periods[2]).toMatchObject({ averageDau: 3 / 31, mau: 1, dauOverMau: 3 / 31 });
  });

  it('measures a campaign against its control group, with 95% intervals', async () => {
    const { campaigns } = await get(`campaigns?${q1}`);
    expect(campaigns).toHaveLength(1); // the draft does not count
    const c = campaigns[0];
    expect(c).toMatchObject({
      name: 'Winter',
      offerCode: 'WINTER10',
      measuredTo: '2024-02-29',
      sent: 4,
      opened: 2,
      redeemed: 2,
      redemptionRate: 0.5,
      // A $50, D $60, E $200 bought during February; B did not.
      target: {
        members: 4,
        retained: 3,
        retention: 0.75,
        revenue: '310.00',
        revenuePerMember: '77.50',
      },
      // C ordered on Jan 31 and Mar 1, outside the campaign; H has no orders.
      control: { members: 2, retained: 0, retention: 0, revenue: '0.00', revenuePerMember: '0.00' },
    });
    const z = 1.959963985;
    const seRetention = Math.sqrt((0.75 * 0.25) / 4 + 0); // control retention 0
    expect(c.retentionUplift.estimate).toBe(0.75);
    expect(c.retentionUplift.low).toBeCloseTo(0.75 - z * seRetention, 9);
    expect(c.retentionUplift.high).toBeCloseTo(0.75 + z * seRetention, 9);
    expect(c.retentionUplift.significant).toBe(true);
    // Revenue per member in cents: target 5000, 0, 6000, 20000 (mean 7750); control 0, 0.
    const variance = ((5000 - 7750) ** 2 + 7750 ** 2 + 1750 ** 2 + 12250 ** 2) / 3;
    const se = Math.sqrt(variance / 4);
    const cents = (x: number) => (Math.round(x) / 100).toFixed(2);
    expect(c.revenueUplift).toEqual({
      estimate: '77.50',
      low: cents(7750 - z * se),
      high: cents(7750 + z * se),
      significant: false,
    });
    // A North manager sees only the North members of both groups.
    const north = (await get(`campaigns?${q1}`, people.northManager)).campaigns[0];
    expect(north.target).toMatchObject({ members: 3, retained: 2 }); // A B D
    expect(north.control).toMatchObject({ members: 1 }); // C
  });

  it('summarises by region with totals', async () => {
    const { rows, total } = await get(`breakdown?${q1}&by=region`);
    const north = rows.find((r: { key: string }) => r.key === 'North');
    const south = rows.find((r: { key: string }) => r.key === 'South');
    expect(north).toMatchObject({
      activeAtStart: 0,
      activeAtEnd: 0,
      activeInPeriod: 4,
      newCustomers: 4,
      churnedCustomers: 4, // D churns twice but counts once
      orders: 7,
      revenue: '320.00',
    });
    expect(south).toMatchObject({
      activeAtEnd: 2,
      activeInPeriod: 4,
      newCustomers: 4,
      churnedCustomers: 2,
      orders: 1,
      revenue: '200.00',
    });
    expect(total).toMatchObject({ activeInPeriod: 8, churnedCustomers: 6, revenue: '520.00' });
    expect(total.arpu).toBe('65.00');
  });

  it('compares the range with the same number of days before it', async () => {
    const d = await get('dashboard?from=2024-02-01&to=2024-03-31');
    expect(d.previousPeriod).toEqual({ from: '2023-12-03', to: '2024-01-31' });
    expect(d.kpis.activeAtEnd).toMatchObject({ value: 2, previous: 6, delta: -4 });
    expect(d.kpis.churnedCustomers).toMatchObject({ value: 6, previous: 0 });
    expect(d.kpis.revenue).toMatchObject({ value: '330.00', previous: '190.00', delta: '140.00' });
    expect(d.kpis.revenue.deltaPct).toBeCloseTo(140 / 190, 12);
    // Mean monthly churn: (3 + 4) / (6 + 6); before: nobody was active to churn.
    expect(d.kpis.churnRate.value).toBeCloseTo(7 / 12, 12);
    expect(d.kpis.churnRate.previous).toBeNull();
    expect(d.series).toHaveLength(2);
  });

  it('gives zeros and undefined rates when a filter selects nobody', async () => {
    const none = await get(`churn?${q1}&region=South&segment=potential_loyalists`);
    for (const p of none.periods) {
      expect(p).toMatchObject({
        activeAtStart: 0,
        churnedCustomers: 0,
        churnRate: null,
        aov: null,
      });
    }
    const plan = await get(`churn?${q1}&plan=pro`);
    expect(plan.periods[1]).toMatchObject({
      activeAtStart: 1,
      activeAtEnd: 1,
      churnedCustomers: 0,
    });
    expect(plan.definition.filters).toMatchObject({ plan: 'pro' });
  });
});

describe('analytics in the business time zone', () => {
  const orders = [
    '2024-01-31T20:00:00Z', // Feb 1, 05:00 in Tokyo
    '2024-02-29T14:59:00Z', // Feb 29, 23:59 in Tokyo
    '2024-02-29T15:00:00Z', // Mar 1, 00:00 in Tokyo
  ];
  const monthlyOrders = async (zone: string) => {
    const t = await buildTestApp({
      BOT_TOKEN: testBotToken,
      ADMIN_TELEGRAM_IDS: String(people.admin.id),
      BUSINESS_TIMEZONE: zone,
      // These orders are from 2024: today is today's date, not the data's last day.
      AS_OF: 'today',
    });
    try {
      const { id } = await t.app.prisma.customer.create({
        data: { source: 'tz', externalId: 'tz1' },
      });
      await t.app.prisma.order.createMany({
        data: orders.map((placedAt, i) => ({
          source: 'tz',
          externalId: `tz${i}`,
          customerId: id,
          placedAt: new Date(placedAt),
          total: '1.00',
        })),
      });
      await t.app.analytics.refresher.refresh();
      const res = await t.app.inject({
        url: `/api/v1/analytics/churn?${q1}`,
        headers: tma(people.admin),
      });
      return res.json().periods.map((p: { orders: number }) => p.orders);
    } finally {
      await t.close();
    }
  };

  // One server each (a database built per zone): two tests, so each has its own time budget.
  it('puts orders in the month of their local day in UTC', async () => {
    expect(await monthlyOrders('UTC')).toEqual([1, 2, 0]);
  });

  it('puts orders in the month of their local day in Tokyo', async () => {
    expect(await monthlyOrders('Asia/Tokyo')).toEqual([0, 2, 1]);
  });
});
