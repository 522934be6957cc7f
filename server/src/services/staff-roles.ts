// Admins grant and revoke staff roles; each change audited with before and after.
import type { PrismaClient } from '@retention/db';
import { AppError } from '../errors.ts';
import { type Actor, recordAudit } from './record-audit.ts';

export type StaffGrant = { role: 'admin' } | { role: 'manager'; region: string | null };

type Seat = { role: string; regionScope: string | null } | null;
const seatOf = (s: Seat) => (s ? { role: s.role, region: s.regionScope } : null);

/** Makes `telegramUserId` an admin, or a manager (of one region, or all with null). */
export async function grantRole(
  prisma: PrismaClient,
  actor: Actor,
  telegramUserId: bigint,
  grant: StaffGrant,
) {
  if (actor.actorTelegramId === telegramUserId) {
    throw new AppError('conflict', 'you cannot change your own role');
  }
  const regionScope = grant.role === 'manager' ? grant.region : null;
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
    throw new AppError('conflict', 'you cannot revoke your own role');
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
