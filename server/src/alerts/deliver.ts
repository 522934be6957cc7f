// Sends what is due. Each notification is claimed by one instance (pending → sending, the
// rows locked with SKIP LOCKED and the status checked again), sent, and its outcome recorded
// (sent, failed with the error, or skipped when the recipient is no longer staff).
import { reasonOr } from '@retention/contracts';
import { isStaff, resolveIdentity } from '../auth/identity.ts';
import type { AlertsDeps } from './deps.ts';
import { buildDigest } from './digest.ts';
import { readAlertSettings } from './settings.ts';
import { say } from './texts.ts';

interface Claimed {
  id: bigint;
  telegram_user_id: bigint;
  kind: string;
  text: string | null;
}

export async function deliverDue(deps: AlertsDeps, now: Date): Promise<number> {
  const { prisma, log } = deps;
  let sent = 0;
  for (;;) {
    const batch = await prisma.$queryRaw<Claimed[]>`
      UPDATE notifications SET status = 'sending'
      WHERE id IN (
        SELECT id FROM notifications WHERE status = 'pending' AND due_at <= ${now}
        ORDER BY due_at, id LIMIT 20 FOR UPDATE SKIP LOCKED)
        AND status = 'pending'
      RETURNING id, telegram_user_id, kind, text`;
    if (batch.length === 0) return sent;
    for (const n of batch) {
      const outcome = await deliverOne(deps, n, now).catch((error: Error) => ({
        status: 'failed' as const,
        error: error.message.slice(0, 1000),
      }));
      if (outcome.status === 'failed') {
        log.warn(`alerts: notification ${n.id} to ${n.telegram_user_id}: ${outcome.error}`);
      }
      if (outcome.status === 'sent') sent++;
      await prisma.notification.update({
        where: { id: n.id },
        data: {
          status: outcome.status,
          error: outcome.error ?? null,
          sentAt: outcome.status === 'sent' ? new Date() : null,
        },
      });
    }
  }
}

async function deliverOne(
  deps: AlertsDeps,
  n: Claimed,
  now: Date,
): Promise<{ status: 'sent' | 'skipped' | 'failed'; error?: string }> {
  const { prisma, sender } = deps;
  const chat = n.telegram_user_id;
  const identity = await resolveIdentity(prisma, { id: Number(chat), first_name: 'staff' });
  if (!isStaff(identity)) return { status: 'skipped', error: 'no longer staff' };
  if (n.kind !== 'digest') {
    await sender.sendMessage(chat, n.text ?? '');
    return { status: 'sent' };
  }
  const settings = await readAlertSettings(prisma, chat, deps.analytics.settings.timeZone);
  const kind = settings.digest === 'weekly' ? 'weekly' : 'daily';
  const digest = await buildDigest(deps, identity, settings, { kind, now });
  await sender.sendMessage(chat, digest.text);
  if (digest.screenshot?.ok) {
    await sender.sendPhoto(chat, digest.screenshot.png, digest.screenshot.caption);
  } else if (digest.screenshot) {
    const lang = settings.language ?? 'en';
    const { because, reason } = digest.screenshot;
    await sender.sendMessage(
      chat,
      `${say('noScreenshot', lang)} ${reasonOr(because, reason, lang)}`,
    );
  }
  return { status: 'sent' };
}
