// Offers as a customer sees them (their assignments) and as an admin gives them.
import { randomInt } from 'node:crypto';
import type { CustomerOffer } from '@retention/contracts';
import type { PrismaClient } from '@retention/db';
import type { z } from 'zod';
import type { Identity } from '../auth/identity.ts';
import { customerScope } from '../auth/scope.ts';
import { notFound, Refusal } from '../errors.ts';
import { type Actor, recordAudit } from '../lib/record-audit.ts';

export type OfferStatus = z.infer<typeof CustomerOffer>['status'];

const offerSelect = {
  id: true,
  code: true,
  title: true,
  description: true,
  kind: true,
  percentOff: true,
  amountOff: true,
  gift: true,
  terms: true,
  validFrom: true,
  validTo: true,
} as const;

type OfferRow = {
  amountOff: { toFixed(places: number): string } | null;
  validFrom: Date;
  validTo: Date;
};

function toOffer<T extends OfferRow>(o: T) {
  return { ...o, amountOff: o.amountOff?.toFixed(2) ?? null };
}

/** Where an offer stands on `now`: redeemed wins, then its validity dates. */
export function offerStatus(
  offer: { validFrom: Date; validTo: Date },
  redeemedAt: Date | null,
  now: Date,
): OfferStatus {
  if (redeemedAt) return 'redeemed';
  if (offer.validTo < now) return 'expired';
  if (offer.validFrom > now) return 'upcoming';
  return 'active';
}

const statusOrder: Record<OfferStatus, number> = {
  active: 0,
  upcoming: 1,
  redeemed: 2,
  expired: 3,
};

/**
 * A customer's offers, usable ones first. A customer the viewer may not see is "not found",
 * as on the card, so clients cannot probe other clients' offers.
 */
export async function listCustomerOffers(
  prisma: PrismaClient,
  viewer: Identity,
  customerId: number,
  now = new Date(),
) {
  const customer = await prisma.customer.findFirst({
    where: { AND: [{ id: customerId }, customerScope(viewer)] },
    select: { id: true },
  });
  if (!customer) throw notFound('customer', customerId);
  const rows = await prisma.offerAssignment.findMany({
    where: { customerId },
    orderBy: { assignedAt: 'desc' },
    select: {
      id: true,
      code: true,
      assignedAt: true,
      deliveryState: true,
      openedAt: true,
      redeemedAt: true,
      offer: { select: offerSelect },
    },
  });
  return rows
    .map((r) => ({
      assignmentId: r.id,
      code: r.code,
      assignedAt: r.assignedAt,
      deliveryState: r.deliveryState,
      openedAt: r.openedAt,
      redeemedAt: r.redeemedAt,
      status: offerStatus(r.offer, r.redeemedAt, now),
      offer: toOffer(r.offer),
    }))
    .sort((a, b) => statusOrder[a.status] - statusOrder[b.status]);
}

/** The business's offers; by default only those still valid (what an admin can assign). */
export async function listOffers(prisma: PrismaClient, o: { all: boolean }, now = new Date()) {
  const rows = await prisma.offer.findMany({
    where: o.all ? {} : { validTo: { gte: now } },
    orderBy: [{ validTo: 'asc' }, { id: 'asc' }],
    select: offerSelect,
  });
  return rows.map(toOffer);
}

// No 0/O or 1/I: the code is read out to a cashier or typed at a checkout.
const codeLetters = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A personal code for one assignment: the offer's code and six random letters. */
export function personalCode(offerCode: string): string {
  const suffix = Array.from({ length: 6 }, () => codeLetters[randomInt(codeLetters.length)]);
  return `${offerCode}-${suffix.join('')}`;
}

/**
 * Gives a customer an offer with a personal code, audited in the same transaction. An offer
 * that has ended or that the customer already holds is a conflict with the reason.
 */
export async function assignOffer(
  prisma: PrismaClient,
  actor: Actor,
  target: { customerId: number; offerId: number },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({
      where: { id: target.customerId },
      select: { id: true },
    });
    if (!customer) throw notFound('customer', target.customerId);
    const offer = await tx.offer.findUnique({ where: { id: target.offerId } });
    if (!offer) throw notFound('offer', target.offerId);
    if (offer.validTo < now) {
      const day = offer.validTo.toISOString().slice(0, 10);
      throw new Refusal('conflict', 'offerEnded', { code: offer.code, day });
    }
    const held = await tx.offerAssignment.findUnique({
      where: { offerId_customerId: { offerId: offer.id, customerId: customer.id } },
      select: { code: true },
    });
    if (held) {
      const values = { customer: customer.id, code: offer.code, held: held.code };
      throw new Refusal('conflict', 'offerHeld', values);
    }
    const assignment = await tx.offerAssignment.create({
      data: {
        offerId: offer.id,
        customerId: customer.id,
        code: personalCode(offer.code),
        assignedAt: now,
        assignedBy: actor.actorTelegramId ?? null,
      },
      select: { id: true, code: true, assignedAt: true },
    });
    await recordAudit(tx, actor, {
      action: 'offer.assign',
      targetType: 'customer',
      targetId: customer.id,
      after: {
        assignmentId: assignment.id,
        offerId: offer.id,
        offer: offer.code,
        code: assignment.code,
      },
    });
    return { ...assignment, offer: { id: offer.id, code: offer.code, title: offer.title } };
  });
}

/**
 * The client opened (saw) one of their offers: the first time is recorded on the assignment;
 * later opens change nothing. Another customer's assignment is "not found".
 */
export async function openOffer(
  prisma: PrismaClient,
  viewer: Identity,
  target: { customerId: number; assignmentId: number },
  now = new Date(),
) {
  if (viewer.role !== 'client' || viewer.customerId !== target.customerId) {
    throw notFound('offer', target.assignmentId);
  }
  const row = await prisma.offerAssignment.findFirst({
    where: { id: target.assignmentId, customerId: target.customerId },
    select: { id: true, openedAt: true },
  });
  if (!row) throw notFound('offer', target.assignmentId);
  if (row.openedAt) return { openedAt: row.openedAt, first: false };
  const updated = await prisma.offerAssignment.update({
    where: { id: row.id },
    data: { openedAt: now },
    select: { openedAt: true },
  });
  return { openedAt: updated.openedAt as Date, first: true };
}

/** A client turns offer messages off (/stop_offers) or back on; audited when it changes. */
export async function setOfferMessages(
  prisma: PrismaClient,
  actor: Actor,
  target: { customerId: number; wanted: boolean },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const row = await tx.customer.findUnique({
      where: { id: target.customerId },
      select: { offersOptOutAt: true },
    });
    if (!row) throw notFound('customer', target.customerId);
    const wantedNow = row.offersOptOutAt === null;
    if (wantedNow === target.wanted) return { wanted: wantedNow, changed: false };
    await tx.customer.update({
      where: { id: target.customerId },
      data: { offersOptOutAt: target.wanted ? null : now },
    });
    await recordAudit(tx, actor, {
      action: target.wanted ? 'customer.offers.opt_in' : 'customer.offers.opt_out',
      targetType: 'customer',
      targetId: target.customerId,
      before: { offerMessages: wantedNow },
      after: { offerMessages: target.wanted },
    });
    return { wanted: target.wanted, changed: true };
  });
}
