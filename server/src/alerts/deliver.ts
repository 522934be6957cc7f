// Sends what is due. Each notification is claimed by one instance (pending → sending, the
// rows locked with SKIP LOCKED and the status checked again), sent, and its outcome recorded
// (sent, failed with the error, or skipped when the recipient is no longer staff).
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { isStaff, resolveIdentity } from '../auth/identity.ts';
import { buildDigest } from './digest.ts';
import type { AlertSender } from './sender.ts';
import { readAlertSettings } from './settings.ts';
import { say } from './texts.ts';

interface Claimed {
  id: bigint;
  telegram_user_id: bigint;
  kind: string;
  text: string | null;
}

export async function deliverDue(
  app: FastifyInstance,
  sender: AlertSender,
  now: Date,
  log: FastifyBaseLogger = app.log,
): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = await app.prisma.$queryRaw<Claimed[]>`
      UPDATE notifications SET status = 'sending'
      WHERE id IN (
        SELECT id FROM notifications WHERE status = 'pending' AND due_at <= ${now}
        ORDER BY due_at, id LIMIT 20 FOR UPDATE SKIP LOCKED)
        AND status = 'pending'
      RETURNING id, telegram_user_id, kind, text`;
    if (batch.length === 0) return sent;
    for (const n of batch) {
      const outcome = await deliverOne(app, sender, n, now).catch((error: Error) => ({
        status: 'failed' as const,
        error: error.message.slice(0, 1000),
      }));
      if (outcome.status === 'failed') {
        log.warn(`alerts: notification ${n.id} to ${n.telegram_user_id}: ${outcome.error}`);
      }
      if (outcome.status === 'sent') sent++;
      await app.prisma.notification.update({
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
  app: FastifyInstance,
  sender: AlertSender,
  n: Claimed,
  now: Date,
): Promise<{ status: 'sent' | 'skipped' | 'failed'; error?: string }> {
  const chat = n.telegram_user_id;
  const identity = await resolveIdentity(app.prisma, { id: Number(chat), first_name: 'staff' });
  if (!isStaff(identity)) return { status: 'skipped', error: 'no longer staff' };
  if (n.kind !== 'digest') {
    await sender.sendMessage(chat, n.text ?? '');
    return { status: 'sent' };
  }
  const settings = await readAlertSettings(app.prisma, chat, app.config.analytics.timeZone);
  const kind = settings.digest === 'weekly' ? 'weekly' : 'daily';
  const digest = await buildDigest(app, identity, settings, { kind, now });
  await sender.sendMessage(chat, digest.text);
  if (digest.screenshot?.ok) {
    await sender.sendPhoto(chat, digest.screenshot.png, digest.screenshot.caption);
  } else if (digest.screenshot) {
    const word = say('noScreenshot', settings.language ?? 'en');
    await sender.sendMessage(chat, `${word} ${digest.screenshot.reason}`);
  }
  return { status: 'sent' };
}
