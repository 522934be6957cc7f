// One scheduler tick at `now`: claim each subscriber's due digest (one row per local date:
// the unique insert lets one instance win), evaluate their threshold alerts, then send what
// is due. Safe to run on several instances at once.
import { isStaff, resolveIdentity } from '../auth/identity.ts';
import { deliverDue } from './deliver.ts';
import type { AlertsDeps } from './deps.ts';
import { dueDigest } from './schedule.ts';
import { settingsOf } from './settings.ts';
import { evaluateThresholds } from './thresholds.ts';

export async function alertsTick(deps: AlertsDeps, now: Date): Promise<{ sent: number }> {
  const { prisma, log } = deps;
  const rows = await prisma.alertSettings.findMany({ orderBy: { telegramUserId: 'asc' } });
  const staff = await prisma.staff.findMany({
    where: { telegramUserId: { in: rows.map((r) => r.telegramUserId) } },
    select: { telegramUserId: true, name: true },
  });
  const names = new Map(staff.map((s) => [s.telegramUserId, s.name]));
  for (const row of rows) {
    if (!names.has(row.telegramUserId)) continue;
    const s = settingsOf(row, deps.analytics.settings.timeZone);
    try {
      const digest = dueDigest(s, now);
      if (digest) {
        await prisma.notification.createMany({
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
      const identity = await resolveIdentity(prisma, user);
      if (isStaff(identity)) await evaluateThresholds(deps, identity, s, now);
    } catch (error) {
      log.error(`alerts: subscriber ${s.telegramUserId}: ${(error as Error).message}`);
    }
  }
  return { sent: await deliverDue(deps, now) };
}
