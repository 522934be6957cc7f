import type { PrismaClient } from '@retention/db';

/** Makes every id of ADMIN_TELEGRAM_IDS an admin (creating or upgrading its staff row). */
export async function ensureBootstrapAdmins(prisma: PrismaClient, ids: bigint[]): Promise<void> {
  for (const telegramUserId of ids) {
    await prisma.staff.upsert({
      where: { telegramUserId },
      create: { telegramUserId, role: 'admin', name: 'Bootstrap admin' },
      update: { role: 'admin', regionScope: null },
    });
  }
}
