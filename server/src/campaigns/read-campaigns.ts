// Campaigns as staff read them: definition, members, delivery states, opens and redemptions;
// and the treated customers the bot cannot reach, for other channels.
import { type Database, DeliveryState, type PrismaClient } from '@retention/db';
import type { Identity } from '../auth/identity.ts';
import { customerScope } from '../auth/scope.ts';
import { notFound } from '../errors.ts';

/** The database's delivery states (the DeliveryState enum). */
const deliveryStates = Object.values(DeliveryState);

const money = (d: { toFixed(places: number): string } | null) => d?.toFixed(2) ?? null;

/** Campaigns with their counts over the customers `viewer` may see (a manager's region). */
export async function listCampaigns(db: Database, viewer: Identity, ids?: number[]) {
  const prisma = db.prisma;
  const customer = customerScope(viewer);
  const campaigns = await prisma.campaign.findMany({
    where: ids ? { id: { in: ids } } : {},
    include: { offer: true },
    orderBy: [{ startAt: 'desc' }, { id: 'desc' }],
  });
  if (campaigns.length === 0) return [];
  const campaignIds = campaigns.map((c) => c.id);
  const groups = await prisma.campaignMember.groupBy({
    by: ['campaignId', 'group'],
    where: { campaignId: { in: campaignIds }, customer },
    _count: { _all: true },
  });
  const states = await prisma.offerAssignment.groupBy({
    by: ['campaignId', 'deliveryState'],
    where: { campaignId: { in: campaignIds }, customer },
    _count: { _all: true, openedAt: true, redeemedAt: true },
  });
  return campaigns.map((c) => {
    const delivery = Object.fromEntries(deliveryStates.map((s) => [s, 0])) as Record<
      DeliveryState,
      number
    >;
    let opened = 0;
    let redeemed = 0;
    for (const s of states.filter((x) => x.campaignId === c.id)) {
      delivery[s.deliveryState] = s._count._all;
      opened += s._count.openedAt;
      redeemed += s._count.redeemedAt;
    }
    const members = (group: 'target' | 'control') =>
      groups.find((g) => g.campaignId === c.id && g.group === group)?._count._all ?? 0;
    const { churnRunId: _c, clvRunId: _v, ...target } = c.target as Record<string, unknown>;
    return {
      id: c.id,
      name: c.name,
      status: c.status,
      offer: {
        code: c.offer.code,
        title: c.offer.title,
        kind: c.offer.kind,
        percentOff: c.offer.percentOff,
        amountOff: money(c.offer.amountOff),
        gift: c.offer.gift,
        giftCost: money(c.offer.giftCost),
        terms: c.offer.terms,
      },
      target,
      controlShare: c.controlShare,
      seed: c.seed,
      startAt: c.startAt,
      endAt: c.endAt,
      launchedAt: c.launchedAt,
      members: { target: members('target'), control: members('control') },
      delivery,
      opened,
      redeemed,
    };
  });
}

export async function getCampaign(db: Database, viewer: Identity, id: number) {
  const [campaign] = await listCampaigns(db, viewer, [id]);
  if (!campaign) throw notFound('campaign', id);
  return campaign;
}

const unreachableStates = ['no_telegram', 'blocked', 'failed'] as const;

/**
 * Treated customers the bot did not or cannot reach (no Telegram, blocked, failed), for
 * e-mail, SMS or a call; a region-scoped manager sees their region's only. Clients who turned
 * offer messages off are not listed: they asked for no offers.
 */
export async function unreachableMembers(
  prisma: PrismaClient,
  viewer: Identity,
  campaignId: number,
  page: { page: number; pageSize: number },
) {
  if (!(await prisma.campaign.findUnique({ where: { id: campaignId }, select: { id: true } }))) {
    throw notFound('campaign', campaignId);
  }
  const where = {
    campaignId,
    deliveryState: { in: [...unreachableStates] },
    customer: customerScope(viewer),
  };
  const [total, rows] = await Promise.all([
    prisma.offerAssignment.count({ where }),
    prisma.offerAssignment.findMany({
      where,
      orderBy: { customerId: 'asc' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
      select: {
        customerId: true,
        code: true,
        deliveryState: true,
        deliveryError: true,
        customer: { select: { name: true, email: true, phone: true } },
      },
    }),
  ]);
  return {
    items: rows.map((r) => ({
      customerId: r.customerId,
      name: r.customer.name,
      email: r.customer.email,
      phone: r.customer.phone,
      code: r.code,
      reason: r.deliveryState as (typeof unreachableStates)[number],
      error: r.deliveryError,
    })),
    total,
    page: page.page,
    pageSize: page.pageSize,
  };
}
