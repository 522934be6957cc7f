// Threshold alerts fire once when crossed and not again until reset (the value back below).
// Each (subscriber, rule) has a row in alert_states; firing locks the rows (FOR UPDATE), so
// of two instances evaluating together one fires and the other finds them fired; the
// notification's unique key is the second guard.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '@retention/db';

export interface Crossing {
  /** e.g. churn_rate, high_value:42 */
  rule: string;
  value: number;
}

/**
 * Marks the rules crossed now as fired and inserts one notification for those that were not
 * fired yet, due at `dueAt`; returns the rules that fired now (empty when none did).
 */
export async function fireCrossed(
  prisma: PrismaClient,
  o: {
    telegramUserId: bigint;
    kind: string;
    crossings: Crossing[];
    dueAt: Date;
    text: (fired: Crossing[]) => string;
  },
): Promise<Crossing[]> {
  if (o.crossings.length === 0) return [];
  const user = o.telegramUserId;
  const rules = [...new Set(o.crossings.map((c) => c.rule))].sort();
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO alert_states (telegram_user_id, rule, fired, episode)
      SELECT ${user}, r, false, 0 FROM unnest(${rules}::text[]) r
      ON CONFLICT DO NOTHING`;
    const states = await tx.$queryRaw<{ rule: string; fired: boolean; episode: number }[]>`
      SELECT rule, fired, episode FROM alert_states
      WHERE telegram_user_id = ${user} AND rule = ANY(${rules}::text[])
      ORDER BY rule FOR UPDATE`;
    const fresh = states.filter((s) => !s.fired);
    if (fresh.length === 0) return [];
    const key = fresh.map((s) => `${s.rule}#${s.episode + 1}`).join(',');
    const fired = o.crossings.filter((c) => fresh.some((s) => s.rule === c.rule));
    const inserted = await tx.$executeRaw`
      INSERT INTO notifications (telegram_user_id, kind, key, due_at, text)
      VALUES (${user}, ${o.kind}, ${key.length > 200 ? createHash('sha256').update(key).digest('hex') : key},
              ${o.dueAt}, ${o.text(fired)})
      ON CONFLICT DO NOTHING`;
    if (inserted === 0) return [];
    for (const c of fired) {
      await tx.$executeRaw`
        UPDATE alert_states SET fired = true, episode = episode + 1, value = ${c.value},
               changed_at = now()
        WHERE telegram_user_id = ${user} AND rule = ${c.rule}`;
    }
    return fired;
  });
}

/** Resets the fired rules of `prefix` (a rule or `high_value:`) that are not in `keep`. */
export async function resetBelow(
  prisma: PrismaClient,
  telegramUserId: bigint,
  prefix: string,
  keep: string[] = [],
): Promise<number> {
  return prisma.$executeRaw`
    UPDATE alert_states SET fired = false, changed_at = now()
    WHERE telegram_user_id = ${telegramUserId} AND fired
      AND (rule = ${prefix} OR (${prefix.endsWith(':')} AND starts_with(rule, ${prefix})))
      AND NOT (rule = ANY(${keep}::text[]))`;
}
