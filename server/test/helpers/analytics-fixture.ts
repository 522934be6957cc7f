// A tiny business whose metrics are worked out by hand in analytics-metrics.test.ts.
// W = 30 days, UTC, early 2024 (a leap year: February has 29 days).
//
//   customer region  orders (completed unless noted)           contracts
//   A        North   2024-01-10 $100, 2024-02-05 $50
//   B        North   2024-01-20 $30
//   C        North   2024-01-31 $20, 2024-03-01 $20             (exactly W days apart)
//   D        North   2024-01-15 $40, 2024-02-15 $60             (W + 1 days apart)
//   E        South   2024-02-10 $200, 2024-03-05 $999 cancelled
//   F        South                                              pro $10 Jan 1-Feb 15, pro $15 from Feb 15
//   G        South                                              basic $20 Jan 1-Feb 20
//   H        South                                              basic $5 from Feb 1
//
// Events: A on Mar 1 (twice) and Mar 2, B on Mar 1, F on Feb 15.
// Campaign "Winter" (finished), Feb 1-29: target A B D E (all sent; A D opened; A E
// redeemed), control C H. A draft campaign with the same members does not count.
import type { PrismaClient } from '@retention/db';
import { buildTestApp, testBotToken } from './build-app.ts';
import { people } from './fixtures.ts';

export type Letter = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

export async function loadAnalyticsFixture(prisma: PrismaClient) {
  const ids = {} as Record<Letter, number>;
  const letters: Letter[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
  for (const letter of letters) {
    const north = 'ABCD'.includes(letter);
    const row = await prisma.customer.create({
      data: {
        source: 'fixture',
        externalId: letter,
        name: `Customer ${letter}`,
        region: north ? 'North' : 'South',
        acquisitionChannel: 'ACE'.includes(letter) ? 'ads' : 'organic',
        telegramUserId: letter === 'A' ? BigInt(people.clientA.id) : null,
      },
      select: { id: true },
    });
    ids[letter] = row.id;
  }
  const orders: [Letter, string, string, ('completed' | 'cancelled')?][] = [
    ['A', '2024-01-10', '100.00'],
    ['A', '2024-02-05', '50.00'],
    ['B', '2024-01-20', '30.00'],
    ['C', '2024-01-31', '20.00'],
    ['C', '2024-03-01', '20.00'],
    ['D', '2024-01-15', '40.00'],
    ['D', '2024-02-15', '60.00'],
    ['E', '2024-02-10', '200.00'],
    ['E', '2024-03-05', '999.00', 'cancelled'],
  ];
  await prisma.order.createMany({
    data: orders.map(([who, day, total, status], i) => ({
      source: 'fixture',
      externalId: `O${i}`,
      customerId: ids[who],
      placedAt: at(day),
      total,
      status: status ?? 'completed',
    })),
  });
  const contracts: [Letter, string, string, string | null, string][] = [
    ['F', 'pro', '2024-01-01', '2024-02-15', '10.00'],
    ['F', 'pro', '2024-02-15', null, '15.00'],
    ['G', 'basic', '2024-01-01', '2024-02-20', '20.00'],
    ['H', 'basic', '2024-02-01', null, '5.00'],
  ];
  await prisma.contract.createMany({
    data: contracts.map(([who, plan, start, end, amount], i) => ({
      source: 'fixture',
      externalId: `K${i}`,
      customerId: ids[who],
      plan,
      startAt: new Date(`${start}T00:00:00Z`),
      endAt: end === null ? null : new Date(`${end}T00:00:00Z`),
      monthlyAmount: amount,
    })),
  });
  const events: [Letter, string][] = [
    ['A', '2024-03-01T08:00:00Z'],
    ['A', '2024-03-01T09:00:00Z'],
    ['A', '2024-03-02T10:00:00Z'],
    ['B', '2024-03-01T10:00:00Z'],
    ['F', '2024-02-15T10:00:00Z'],
  ];
  await prisma.event.createMany({
    data: events.map(([who, when], i) => ({
      source: 'fixture',
      externalId: `E${i}`,
      customerId: ids[who],
      type: 'app_open',
      channel: 'app' as const,
      occurredAt: new Date(when),
    })),
  });
  await loadCampaigns(prisma, ids);
  return ids;
}

async function loadCampaigns(prisma: PrismaClient, ids: Record<Letter, number>) {
  const offer = await prisma.offer.create({
    data: {
      code: 'WINTER10',
      title: '10% off in February',
      kind: 'discount_percent',
      percentOff: 10,
      validFrom: new Date('2024-02-01T00:00:00Z'),
      validTo: new Date('2024-03-01T00:00:00Z'),
    },
  });
  for (const status of ['finished', 'draft'] as const) {
    const campaign = await prisma.campaign.create({
      data: {
        name: status === 'finished' ? 'Winter' : 'Winter (draft)',
        offerId: offer.id,
        target: { segment: 'all' },
        controlShare: 1 / 3,
        seed: 1,
        status,
        startAt: new Date('2024-02-01T00:00:00Z'),
        endAt: new Date('2024-02-29T23:59:59Z'),
      },
    });
    const groups: [Letter, 'target' | 'control'][] = [
      ['A', 'target'],
      ['B', 'target'],
      ['D', 'target'],
      ['E', 'target'],
      ['C', 'control'],
      ['H', 'control'],
    ];
    await prisma.campaignMember.createMany({
      data: groups.map(([who, group]) => ({
        campaignId: campaign.id,
        customerId: ids[who],
        group,
      })),
    });
    if (status !== 'finished') continue;
    const sent = new Date('2024-02-01T10:00:00Z');
    await prisma.offerAssignment.createMany({
      data: (['A', 'B', 'D', 'E'] as const).map((who) => ({
        offerId: offer.id,
        customerId: ids[who],
        campaignId: campaign.id,
        code: `WINTER10-${who}`,
        deliveryState: 'sent' as const,
        sentAt: sent,
        openedAt: 'AD'.includes(who) ? sent : null,
        redeemedAt: 'AE'.includes(who) ? sent : null,
      })),
    });
  }
}

/** A test app with W = 30, staff of every kind, the fixture loaded and analytics built. */
export async function analyticsTestApp() {
  const t = await buildTestApp({
    BOT_TOKEN: testBotToken,
    ADMIN_TELEGRAM_IDS: String(people.admin.id),
    MANAGER_TELEGRAM_IDS: `${people.manager.id},${people.northManager.id}:North`,
    CHURN_WINDOW_DAYS: '30',
  });
  const ids = await loadAnalyticsFixture(t.app.prisma);
  await t.app.analytics.refresher.refresh();
  return { t, ids };
}
