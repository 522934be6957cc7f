import type { PrismaClient } from '@retention/db';
import type { StaffSeat } from '../config.ts';

/**
 * Staff named in the config (ADMIN_TELEGRAM_IDS, MANAGER_TELEGRAM_IDS) get exactly that
 * role at every start, so a new deployment has people who can sign in. Someone listed in
 * both is an admin. Roles granted in the product to others are left as they are.
 */
export async function ensureConfiguredStaff(
  prisma: PrismaClient,
  admins: bigint[],
  managers: StaffSeat[],
): Promise<void> {
  const adminSet = new Set(admins);
  for (const seat of managers) {
    if (adminSet.has(seat.telegramUserId)) continue;
    await prisma.staff.upsert({
      where: { telegramUserId: seat.telegramUserId },
      create: {
        telegramUserId: seat.telegramUserId,
        role: 'manager',
        regionScope: seat.region,
        name: 'Configured manager',
      },
      update: { role: 'manager', regionScope: seat.region },
    });
  }
  for (const telegramUserId of admins) {
    await prisma.staff.upsert({
      where: { telegramUserId },
      create: { telegramUserId, role: 'admin', name: 'Configured admin' },
      update: { role: 'admin', regionScope: null },
    });
  }
}
