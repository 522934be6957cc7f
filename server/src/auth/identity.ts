import { type Role, staffRoles } from '@retention/contracts';
import type { PrismaClient } from '@retention/db';
import type { Actor } from '../lib/record-audit.ts';
import type { TelegramUser } from './init-data.ts';

export interface Identity {
  telegramId: bigint;
  user: TelegramUser;
  role: Role;
  /** Managers limited to one region see only it; null means every region. */
  regionScope: string | null;
  /** The customer record linked to this Telegram user (clients). */
  customerId: number | null;
}

/** Staff first (admin, manager), then a linked customer (client), else unknown. */
export async function resolveIdentity(prisma: PrismaClient, user: TelegramUser): Promise<Identity> {
  const telegramId = BigInt(user.id);
  const base = { telegramId, user, regionScope: null, customerId: null };
  const staff = await prisma.staff.findUnique({
    where: { telegramUserId: telegramId },
    select: { role: true, regionScope: true },
  });
  if (staff) {
    return {
      ...base,
      role: staff.role,
      regionScope: staff.role === 'manager' ? staff.regionScope : null,
    };
  }
  const customer = await prisma.customer.findUnique({
    where: { telegramUserId: telegramId },
    select: { id: true },
  });
  if (customer) return { ...base, role: 'client', customerId: customer.id };
  return { ...base, role: 'unknown' };
}

export const isStaff = (identity: Identity) =>
  (staffRoles as readonly Role[]).includes(identity.role);

/** The actor of a change made by a signed-in person (Mini App or bot), with their name. */
export function actorOf(identity: Identity): Actor & { name: string | null } {
  const { first_name, last_name } = identity.user;
  return {
    actorRole: identity.role,
    actorTelegramId: identity.telegramId,
    name: [first_name, last_name].filter(Boolean).join(' ') || null,
  };
}
