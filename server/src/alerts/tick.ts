// One scheduler tick at `now`: claim each subscriber's due digest (one row per local date:
// the unique insert lets one instance win), evaluate their threshold alerts, then send what
// is due. Safe to run on several instances at once.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { isStaff, resolveIdentity } from '../auth/identity.ts';
import { deliverDue } from './deliver.ts';
import { dueDigest } from './schedule.ts';
import type { AlertSender } from './sender.ts';
import { settingsOf } from './settings.ts';
import { evaluateThresholds } from './thresholds.ts';

export async function alertsTick(
  app: FastifyInstance,
  sender: AlertSender,
  now: Date,
  log: FastifyBaseLogger = app.log,
): Promise<{ sent: number }> {
  const rows = await app.prisma.alertSettings.findMany({ orderBy: { telegramUserId: 'asc' } });
  const staff = await app.prisma.staff.findMany({
    where: { telegramUserId: { in: rows.map((r) => r.telegramUserId) } },
    select: { telegramUserId: true, name: true },
  });
  const names = new Map(staff.map((s) => [s.telegramUserId, s.name]));
  for (const row of rows) {
    if (!names.has(row.telegramUserId)) continue;
    const s = settingsOf(row, app.config.analytics.timeZone);
    try {
      const digest = dueDigest(s, now);
      if (digest) {
        await app.prisma.notification.createMany({
          data: [
            {
              telegramUserId: s.telegramUserId,
              kind: 'digest',
              key: digest.slot,
              dueAt: digest.at,
            },
          ],
          skipDuplicates: true,
        });
      }
      const wantsAlerts =
        s.churnRateAbove !== null || s.churnProbabilityAtLeast !== null || s.failuresSince;
      if (!wantsAlerts) continue;
      const user = {
        id: Number(s.telegramUserId),
        first_name: names.get(s.telegramUserId) ?? 'staff',
      };
      const identity = await resolveIdentity(app.prisma, user);
      if (isStaff(identity)) await evaluateThresholds(app, identity, s, now);
    } catch (error) {
      log.error(`alerts: subscriber ${s.telegramUserId}: ${(error as Error).message}`);
    }
  }
  return { sent: await deliverDue(app, sender, now, log) };
}
