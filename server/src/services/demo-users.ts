// Demo mode (no BOT_TOKEN): one Telegram user per role so a new user can sign in from a
// plain browser. Ids are far above today's Telegram ids; they are removed again on a
// start with a real bot token, so a real account can never inherit a demo role.
import type { DemoRole, Lang } from '@retention/contracts';
import type { PrismaClient } from '@retention/db';
import type { TelegramUser } from '../auth/init-data.ts';

export const demoUsers: Record<DemoRole, TelegramUser> = {
  admin: {
    id: 999_000_000_001,
    first_name: 'Alex',
    last_name: 'Admin',
    username: 'demo_admin',
    language_code: 'en',
  },
  manager: {
    id: 999_000_000_002,
    first_name: 'Maria',
    last_name: 'Manager',
    username: 'demo_manager',
    language_code: 'en',
  },
  client: {
    id: 999_000_000_003,
    first_name: 'Chris',
    last_name: 'Client',
    username: 'demo_client',
    language_code: 'en',
  },
};

const russianNames: Record<DemoRole, Pick<TelegramUser, 'first_name' | 'last_name'>> = {
  admin: { first_name: 'Алексей', last_name: 'Админов' },
  manager: { first_name: 'Мария', last_name: 'Менеджерова' },
  client: { first_name: 'Кирилл', last_name: 'Клиентов' },
};

/** The demo user of a role as a Telegram client in that language would describe them. */
export function demoUser(role: DemoRole, lang: Lang): TelegramUser {
  const user = demoUsers[role];
  return lang === 'en' ? user : { ...user, ...russianNames[role], language_code: lang };
}

const demoIds = Object.values(demoUsers).map((u) => BigInt(u.id));

/** Creates the demo staff and links the demo client to a customer with some history. */
export async function ensureDemoUsers(prisma: PrismaClient): Promise<void> {
  for (const role of ['admin', 'manager'] as const) {
    const telegramUserId = BigInt(demoUsers[role].id);
    const name = `${demoUsers[role].first_name} ${demoUsers[role].last_name}`;
    await prisma.staff.upsert({
      where: { telegramUserId },
      create: { telegramUserId, role, name },
      update: {},
    });
  }
  const clientId = BigInt(demoUsers.client.id);
  const linked = await prisma.customer.findUnique({ where: { telegramUserId: clientId } });
  if (linked) return;
  // Only a customer of the generated demo business that no real Telegram user holds; one
  // holding a usable offer, so the client's view shows what offers look like.
  const [candidate] = await prisma.$queryRaw<{ id: number }[]>`
    SELECT o.customer_id AS id FROM orders o JOIN customers c ON c.id = o.customer_id
    WHERE o.status = 'completed' AND c.source = 'demo' AND c.telegram_user_id IS NULL
    GROUP BY o.customer_id HAVING count(*) >= 3
    ORDER BY EXISTS (
        SELECT 1 FROM offer_assignments a JOIN offers f ON f.id = a.offer_id
        WHERE a.customer_id = o.customer_id AND a.redeemed_at IS NULL AND f.valid_to > now()
      ) DESC, max(o.placed_at) DESC, o.customer_id
    LIMIT 1`;
  if (candidate) {
    await prisma.customer.update({
      where: { id: candidate.id },
      data: { telegramUserId: clientId },
    });
  }
}

/** With a real bot token, demo identities must not exist. */
export async function removeDemoUsers(prisma: PrismaClient): Promise<void> {
  await prisma.staff.deleteMany({ where: { telegramUserId: { in: demoIds } } });
  await prisma.customer.updateMany({
    where: { telegramUserId: { in: demoIds } },
    data: { telegramUserId: null },
  });
}
