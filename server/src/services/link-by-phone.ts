// A Telegram user shares their own phone number with the bot: the one customer with that
// number (and no Telegram account yet) becomes theirs, audited.
import type { PrismaClient } from '@retention/db';
import { phoneDigits } from '../lib/parse-values.ts';
import { recordAudit } from '../lib/record-audit.ts';

/**
 * Links `telegramUserId` to the customer with `phone` (numbers match on all digits, or on the
 * last 10 when both have at least 10). Returns the customer, or null when no
 * unlinked customer, or more than one, has the number (an ambiguous number links nobody).
 */
export async function linkByPhone(prisma: PrismaClient, telegramUserId: bigint, phone: string) {
  const digits = phoneDigits(phone);
  if (digits.length < 5) return null;
  const tail = digits.length >= 10 ? digits.slice(-10) : null;
  return prisma.$transaction(async (tx) => {
    const matches = await tx.$queryRaw<{ id: number; name: string | null }[]>`
      SELECT id, name FROM customers
      WHERE telegram_user_id IS NULL AND phone IS NOT NULL
        AND (regexp_replace(phone, '\\D', '', 'g') = ${digits}
             OR (${tail}::text IS NOT NULL AND length(regexp_replace(phone, '\\D', '', 'g')) >= 10
                 AND right(regexp_replace(phone, '\\D', '', 'g'), 10) = ${tail}))
      LIMIT 2`;
    if (matches.length !== 1) return null;
    const [customer] = matches as [{ id: number; name: string | null }];
    await tx.customer.update({ where: { id: customer.id }, data: { telegramUserId } });
    await recordAudit(
      tx,
      { actorRole: 'client', actorTelegramId: telegramUserId },
      {
        action: 'customer.telegram.link',
        targetType: 'customer',
        targetId: customer.id,
        after: { telegramUserId: String(telegramUserId), by: 'shared phone number' },
      },
    );
    return customer;
  });
}
