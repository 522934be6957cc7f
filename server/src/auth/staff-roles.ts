// Admins grant and revoke staff roles; each change audited with before and after.
import { Label } from '@retention/contracts';
import type { PrismaClient } from '@retention/db';
import { Refusal } from '../errors.ts';
import { type Actor, recordAudit } from '../lib/record-audit.ts';

export type StaffGrant = { role: 'admin' } | { role: 'manager'; region: string | null };

type Seat = { role: string; regionScope: string | null } | null;
const seatOf = (s: Seat) => (s ? { role: s.role, region: s.regionScope } : null);

/** Regions named in a refusal, at most. */
const regionsShown = 20;

/**
 * A manager's region as given (trimmed), refused unless it is a label (1-100 characters, no
 * control characters) that some customer has: scopes match customers' regions exactly, so a
 * typo would make a manager who sees nothing at all, and say nothing about it.
 */
export async function checkedRegion(prisma: PrismaClient, given: string): Promise<string> {
  const parsed = Label.safeParse(given);
  if (!parsed.success) {
    throw new Refusal('bad_request', 'badRegionLabel');
  }
  const region = parsed.data;
  const known = await prisma.customer.findFirst({ where: { region }, select: { id: true } });
  if (known) return region;
  const regions = await prisma.customer.findMany({
    where: { region: { not: null } },
    distinct: ['region'],
    orderBy: { region: 'asc' },
    select: { region: true },
    take: regionsShown + 1,
  });
  const names = regions.slice(0, regionsShown).map((r) => r.region);
  const more = regions.length > regionsShown ? ', …' : '';
  throw names.length === 0
    ? new Refusal('bad_request', 'noStaffRegionYet', { region })
    : new Refusal('bad_request', 'noStaffRegion', { region, regions: names.join(', ') + more });
}

/** Makes `telegramUserId` an admin, or a manager (of one region, or all with null). */
export async function grantRole(
  prisma: PrismaClient,
  actor: Actor,
  telegramUserId: bigint,
  grant: StaffGrant,
) {
  if (actor.actorTelegramId === telegramUserId) {
    throw new Refusal('conflict', 'ownRoleChange');
  }
  const regionScope =
    grant.role === 'manager' && grant.region !== null
      ? await checkedRegion(prisma, grant.region)
      : null;
  return prisma.$transaction(async (tx) => {
    const before = await tx.staff.findUnique({
      where: { telegramUserId },
      select: { role: true, regionScope: true },
    });
    const after = await tx.staff.upsert({
      where: { telegramUserId },
      create: { telegramUserId, role: grant.role, regionScope, grantedBy: actor.actorTelegramId },
      update: { role: grant.role, regionScope, grantedBy: actor.actorTelegramId },
      select: { role: true, regionScope: true },
    });
    await recordAudit(tx, actor, {
      action: 'staff.grant',
      targetType: 'telegram_user',
      targetId: String(telegramUserId),
      before: seatOf(before) ?? undefined,
      after: seatOf(after) ?? undefined,
    });
    return { before: seatOf(before), after: seatOf(after) };
  });
}

/** Takes a staff role away; false when the user had none. */
export async function revokeRole(prisma: PrismaClient, actor: Actor, telegramUserId: bigint) {
  if (actor.actorTelegramId === telegramUserId) {
    throw new Refusal('conflict', 'ownRoleRevoke');
  }
  return prisma.$transaction(async (tx) => {
    const before = await tx.staff.findUnique({
      where: { telegramUserId },
      select: { role: true, regionScope: true },
    });
    if (!before) return false;
    await tx.staff.delete({ where: { telegramUserId } });
    await recordAudit(tx, actor, {
      action: 'staff.revoke',
      targetType: 'telegram_user',
      targetId: String(telegramUserId),
      before: seatOf(before) ?? undefined,
    });
    return true;
  });
}
