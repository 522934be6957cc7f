import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PrismaClient } from '../generated/client/client.ts';
import { parseSeedArgs } from '../seed/args.ts';
import {
  clearBusinessData,
  hasBusinessData,
  isDemoDataLoaded,
  type SeedSummary,
  seedDemo,
} from '../seed/index.ts';
import { planDemo } from '../seed/plan.ts';
import { HISTORY_MONTHS } from '../seed/timeline.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

const NOW = new Date('2026-06-15T00:00:00Z');
const EARLIEST = new Date(Date.UTC(2026, 5 - HISTORY_MONTHS, 1));
const SIZE = 300;

/** The same fingerprint seedDemo computes from its plan, but read back from the database. */
async function hashOrdersInDatabase(prisma: PrismaClient): Promise<string> {
  const orders = await prisma.order.findMany({
    orderBy: { externalId: 'asc' },
    select: {
      externalId: true,
      placedAt: true,
      channel: true,
      status: true,
      total: true,
      promoCode: true,
      customer: { select: { externalId: true } },
      items: {
        orderBy: { lineNo: 'asc' },
        select: { quantity: true, unitPrice: true, product: { select: { sku: true } } },
      },
    },
  });
  const hash = createHash('sha256');
  for (const o of orders) {
    const lines = o.items.map((i) => `${i.product.sku}x${i.quantity}@${i.unitPrice.toFixed(2)}`);
    hash.update(
      `${o.externalId}|${o.customer.externalId}|${o.placedAt.toISOString()}|${o.channel}|${o.status}|${o.total.toFixed(2)}|${o.promoCode ?? ''}|${lines.join(',')}\n`,
    );
  }
  return hash.digest('hex');
}

const withoutTiming = ({ elapsedMs: _, ...rest }: SeedSummary) => rest;

describe('demo data', () => {
  let first: TestDatabase;
  let second: TestDatabase;
  let summary: SeedSummary;
  let p: PrismaClient;

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    p = first.db.prisma;
    expect(await hasBusinessData(p)).toBe(false);
    summary = await seedDemo(p, { customers: SIZE, seed: 7, now: NOW });
  });
  afterAll(async () => {
    await Promise.all([first?.drop(), second?.drop()]);
  });

  it('is reproducible: same seed, size and now give the same rows in another database', async () => {
    const again = await seedDemo(second.db.prisma, { customers: SIZE, seed: 7, now: NOW });
    expect(withoutTiming(again)).toEqual(withoutTiming(summary));
    const [a, b] = await Promise.all([
      hashOrdersInDatabase(p),
      hashOrdersInDatabase(second.db.prisma),
    ]);
    expect(a).toBe(b);
    expect(a).toBe(summary.ordersHash);
  });

  it('writes what the summary counts', async () => {
    expect(summary.customers).toBe(SIZE);
    const counts = {
      customers: await p.customer.count(),
      products: await p.product.count(),
      prices: await p.productPrice.count(),
      orders: await p.order.count(),
      orderItems: await p.orderItem.count(),
      contracts: await p.contract.count(),
      events: await p.event.count(),
      offers: await p.offer.count(),
      assignments: await p.offerAssignment.count(),
      campaigns: await p.campaign.count(),
      campaignMembers: await p.campaignMember.count(),
    };
    expect(counts).toEqual({
      customers: summary.customers,
      products: summary.products,
      prices: summary.prices,
      orders: summary.orders,
      orderItems: summary.orderItems,
      contracts: summary.contracts,
      events: summary.events,
      offers: summary.offers,
      assignments: summary.assignments,
      campaigns: 1,
      campaignMembers: summary.campaignMembers,
    });
    expect(counts.products).toBeGreaterThanOrEqual(100);
    expect(counts.contracts).toBeGreaterThan(0);
    // Bounded on purpose (about 20 a customer) so 100,000 customers load within minutes.
    expect(counts.events).toBeGreaterThan(SIZE * 10);
    expect(counts.events).toBeLessThan(SIZE * 30);
    const [row] = await p.$queryRaw<{ revenue: string }[]>`
      SELECT sum(total)::text AS revenue FROM orders WHERE status = 'completed'`;
    expect(row?.revenue).toBe(summary.revenue);
    expect(summary.revenue).toMatch(/^\d+\.\d{2}$/);
  });

  it('keeps every order total equal to the sum of its lines', async () => {
    const [row] = await p.$queryRaw<{ wrong: number; empty: number }[]>`
      SELECT count(*) FILTER (WHERE o.total <> coalesce(l.sum, -1))::int AS wrong,
             count(*) FILTER (WHERE l.sum IS NULL)::int AS empty
      FROM orders o
      LEFT JOIN (SELECT order_id, sum(quantity * unit_price) AS sum FROM order_items GROUP BY order_id) l
        ON l.order_id = o.id`;
    expect(row).toEqual({ wrong: 0, empty: 0 });
  });

  it('prices each line at the price valid on the order day (promo orders at a discount)', async () => {
    const [row] = await p.$queryRaw<{ mismatched: number; promo: number }[]>`
      SELECT count(*) FILTER (WHERE o.promo_code IS NULL AND i.unit_price <> pp.price)::int AS mismatched,
             count(*) FILTER (WHERE o.promo_code IS NOT NULL AND i.unit_price >= pp.price)::int AS promo
      FROM order_items i
      JOIN orders o ON o.id = i.order_id
      JOIN LATERAL (SELECT price FROM product_prices WHERE product_id = i.product_id
                    AND valid_from <= o.placed_at ORDER BY valid_from DESC LIMIT 1) pp ON true`;
    expect(row).toEqual({ mismatched: 0, promo: 0 });
  });

  it('keeps every date inside the history, up to now', async () => {
    const bounds = await Promise.all([
      p.customer.aggregate({ _min: { signupAt: true }, _max: { signupAt: true } }),
      p.order.aggregate({ _min: { placedAt: true }, _max: { placedAt: true } }),
      p.event.aggregate({ _min: { occurredAt: true }, _max: { occurredAt: true } }),
      p.contract.aggregate({ _min: { startAt: true }, _max: { endAt: true } }),
      p.productPrice.aggregate({ _min: { validFrom: true }, _max: { validFrom: true } }),
    ]);
    const dates = bounds.flatMap((b) => [...Object.values(b._min), ...Object.values(b._max)]);
    for (const date of dates as Date[]) {
      expect(date.getTime()).toBeGreaterThanOrEqual(EARLIEST.getTime());
      expect(date.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    const lastMonth = await p.order.count({
      where: { placedAt: { gte: new Date(NOW.getTime() - 30 * 86_400_000) } },
    });
    expect(lastMonth).toBeGreaterThan(0);
  });

  it('spreads customers over regions and acquisition channels, orders over channels', async () => {
    const regions = await p.customer.groupBy({ by: ['region'], _count: true });
    const acquisition = await p.customer.groupBy({ by: ['acquisitionChannel'], _count: true });
    const channels = await p.order.groupBy({ by: ['channel'], _count: true });
    const statuses = await p.order.groupBy({ by: ['status'], _count: true });
    expect(regions.length).toBeGreaterThanOrEqual(5);
    expect(acquisition.length).toBeGreaterThanOrEqual(5);
    expect(channels.map((c) => c.channel).sort()).toEqual(['app', 'offline', 'telegram', 'web']);
    expect(statuses.map((s) => s.status)).toEqual(
      expect.arrayContaining(['completed', 'returned']),
    );
    const sample = await p.customer.findFirst({ where: { externalId: 'C000001' } });
    expect(sample).toMatchObject({ source: 'demo', externalId: 'C000001' });
    expect(sample!.phone).toMatch(/^\+\d{11}$/);
    expect(sample!.email).toContain('@');
  });

  it('has a believable share of one-time buyers', async () => {
    const [row] = await p.$queryRaw<{ buyers: number; once: number }[]>`
      SELECT count(*)::int AS buyers, count(*) FILTER (WHERE n = 1)::int AS once
      FROM (SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id) t`;
    const share = row!.once / row!.buyers;
    expect(row!.buyers).toBeGreaterThan(SIZE * 0.8);
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.6);
  });

  it('has subscriptions with cancellations and plan changes', async () => {
    const contracts = await p.contract.findMany({ orderBy: { startAt: 'asc' } });
    expect(new Set(contracts.map((c) => c.plan))).toEqual(new Set(['Basic', 'Plus', 'Pro']));
    expect(contracts.some((c) => c.endAt !== null)).toBe(true);
    expect(contracts.some((c) => c.endAt === null)).toBe(true);
    const changed = contracts.filter((c) =>
      contracts.some(
        (d) => d.customerId === c.customerId && d.startAt.getTime() === c.endAt?.getTime(),
      ),
    );
    expect(changed.length).toBeGreaterThan(0);
  });

  it('has behaviour events on every channel with product skus', async () => {
    const channels = await p.event.groupBy({ by: ['channel'], _count: true });
    expect(channels.map((c) => c.channel).sort()).toEqual(['app', 'offline', 'telegram', 'web']);
    const view = await p.event.findFirst({ where: { type: 'product_view' } });
    expect((view!.properties as { sku?: string }).sku).toMatch(/^SKU-\d{4}$/);
  });

  it('has exactly one finished campaign with target and control groups and redemptions', async () => {
    const campaigns = await p.campaign.findMany();
    expect(campaigns).toHaveLength(1);
    const campaign = campaigns[0]!;
    expect(campaign).toMatchObject({ status: 'finished', controlShare: 0.1, seed: 7 });
    expect(campaign.target).toEqual({ rfmSegment: 'At risk' });
    const groups = await p.campaignMember.groupBy({ by: ['group'], _count: true });
    expect(groups.map((g) => g.group).sort()).toEqual(['control', 'target']);
    const target = groups.find((g) => g.group === 'target')!._count;
    const assigned = await p.offerAssignment.count({ where: { campaignId: campaign.id } });
    expect(assigned).toBe(target);
    const redeemed = await p.offerAssignment.findMany({
      where: { campaignId: campaign.id, orderId: { not: null } },
      select: {
        code: true,
        redeemedAt: true,
        order: { select: { promoCode: true, placedAt: true } },
      },
    });
    expect(redeemed.length).toBeGreaterThan(0);
    for (const r of redeemed) {
      expect(r.order!.promoCode).toBe(r.code);
      expect(r.redeemedAt).toEqual(r.order!.placedAt);
    }
  });

  it('replaces the data with --replace semantics and clears it without touching staff', async () => {
    const q = second.db.prisma;
    await q.staff.create({ data: { telegramUserId: 1001n, role: 'admin', name: 'Owner' } });
    await q.auditLog.create({
      data: { actorRole: 'admin', action: 'grant', targetType: 'staff', targetId: '1001' },
    });
    const other = await seedDemo(q, { customers: 50, seed: 8, now: NOW, replace: true });
    expect(await q.customer.count()).toBe(50);
    expect(other.ordersHash).not.toBe(summary.ordersHash);
    expect(await isDemoDataLoaded(q)).toBe(true);
    await clearBusinessData(q);
    expect(await hasBusinessData(q)).toBe(false);
    expect(await q.order.count()).toBe(0);
    expect(await q.event.count()).toBe(0);
    expect(await q.product.count()).toBe(0);
    expect(await q.staff.count()).toBe(1);
    expect(await q.auditLog.count()).toBe(1);
  });
});

describe('the plan', () => {
  it('takes its randomness from the seed alone (no Math.random, no clock)', () => {
    const random = vi.spyOn(Math, 'random');
    const clock = vi.spyOn(Date, 'now');
    const plan = planDemo(11, 200, NOW);
    expect(plan.orders.length).toBeGreaterThan(200);
    expect(random).not.toHaveBeenCalled();
    expect(clock).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('gives about ten orders per customer at every size, most of them from a loyal few', () => {
    for (const size of [500, 4000]) {
      const plan = planDemo(13, size, NOW);
      const perCustomer = plan.orders.length / size;
      expect(perCustomer).toBeGreaterThan(8.5);
      expect(perCustomer).toBeLessThan(11.5);
      const counts = plan.ordersByCustomer.map((list) => list.length).sort((a, b) => b - a);
      const topTenth = counts.slice(0, size / 10).reduce((sum, n) => sum + n, 0);
      expect(topTenth / plan.orders.length).toBeGreaterThan(0.4);
      expect(counts[Math.floor(size / 2)]).toBeLessThanOrEqual(4); // the median customer
    }
  });

  it('keeps offer timestamps in order: assigned, sent, opened, redeemed, before now', () => {
    const plan = planDemo(12, 2000, NOW);
    expect(plan.assignments.filter((a) => a.order).length).toBeGreaterThan(10);
    for (const a of plan.assignments) {
      const times = [a.assignedAt, a.sentAt, a.openedAt, a.redeemedAt].filter((t) => t !== null);
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(Math.max(...times)).toBeLessThan(NOW.getTime());
      if (a.order) expect(a.order.promoCode).toBe(a.code);
      if (a.redeemedAt !== null) expect(a.openedAt).not.toBeNull();
    }
  });
});

describe('db:seed arguments', () => {
  it('accept sizes, seeds and --replace', () => {
    expect(parseSeedArgs(['--customers', '5000', '--seed=3', '--replace'])).toEqual({
      ok: true,
      args: { customers: 5000, seed: 3, replace: true },
    });
    expect(parseSeedArgs([])).toEqual({
      ok: true,
      args: { customers: 5000, seed: 42, replace: false },
    });
  });

  it.each([
    [['--customers', 'many'], /--customers must be a whole number/],
    [['--customers', '9'], /--customers must be between 10 and 1,000,000/],
    [['--customers', '1000001'], /--customers must be between/],
    [['--customers', '12.5'], /--customers/],
    [['--customers'], /--customers needs a value/],
    [['--seed', '-1'], /--seed/],
    [['--force'], /unknown argument "--force"/],
    [['5000'], /unknown argument "5000"/],
  ])('reject %j', (argv, message) => {
    const parsed = parseSeedArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});
