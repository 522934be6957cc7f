// A subscriber's threshold alerts at `now`: the churn rate of the last complete month, the
// high-value customers whose churn probability reached the threshold (newest churn run), and
// import or ingestion failures. Crossings fire (alert-state.ts); values back below reset.
import { todayIn } from '../analytics/clock.ts';
import { isoOf, periodStart } from '../analytics/periods.ts';
import { reportValue } from '../analytics/request.ts';
import type { Identity } from '../auth/identity.ts';
import { fireCrossed, resetBelow } from './alert-state.ts';
import type { AlertsDeps } from './deps.ts';
import { releaseAt } from './schedule.ts';
import type { AlertSettings } from './settings.ts';
import { type Lang, money, pct, say } from './texts.ts';

type Deps = Pick<AlertsDeps, 'prisma' | 'analytics'>;

export async function evaluateThresholds(
  deps: Deps,
  identity: Identity,
  s: AlertSettings,
  now: Date,
): Promise<void> {
  const lang: Lang = s.language ?? 'en';
  const dueAt = releaseAt(s, now);
  if (s.churnRateAbove !== null) await churnRateRule(deps, identity, s, now, dueAt, lang);
  else await resetBelow(deps.prisma, s.telegramUserId, 'churn_rate');
  if (s.churnProbabilityAtLeast !== null) await highValueRule(deps, identity, s, now, dueAt, lang);
  else await resetBelow(deps.prisma, s.telegramUserId, 'high_value:');
  if (s.failuresSince) await failureAlerts(deps, s, dueAt, lang);
}

async function churnRateRule(
  deps: Deps,
  identity: Identity,
  s: AlertSettings,
  now: Date,
  dueAt: Date,
  lang: Lang,
) {
  const today = todayIn(deps.analytics.settings.timeZone, now);
  const thisMonth = periodStart(today, 'month');
  const from = isoOf(periodStart(thisMonth - 1, 'month'));
  const to = isoOf(thisMonth - 1);
  const ask = { viewer: identity, query: { from, to, granularity: 'month' as const }, now };
  const report = await reportValue(deps.analytics, ask, 'churn');
  const rate = report.periods[0]?.churnRate ?? null;
  const threshold = s.churnRateAbove as number;
  if (rate === null || rate * 100 <= threshold) {
    await resetBelow(deps.prisma, s.telegramUserId, 'churn_rate');
    return;
  }
  const period = from.slice(0, 7);
  const scope = identity.regionScope ? ` (${say('region', lang)}: ${identity.regionScope})` : '';
  await fireCrossed(deps.prisma, {
    telegramUserId: s.telegramUserId,
    kind: 'churn_rate',
    crossings: [{ rule: 'churn_rate', value: rate * 100 }],
    dueAt,
    text: () =>
      `${say('churnAlert', lang)}${scope}\n${say('churnAlertBody', lang, {
        period,
        value: pct(rate, lang),
        threshold: `${threshold}%`,
      })}`,
  });
}

async function highValueRule(
  deps: Deps,
  identity: Identity,
  s: AlertSettings,
  now: Date,
  dueAt: Date,
  lang: Lang,
) {
  const today = todayIn(deps.analytics.settings.timeZone, now);
  const query = { from: isoOf(today - 29), to: isoOf(today), granularity: 'month' as const };
  const ask = { viewer: identity, query, now };
  const minProbability = (s.churnProbabilityAtLeast as number) / 100;
  const list = {
    sort: 'value' as const,
    minProbability,
    atRiskOnly: false,
    page: 1,
    pageSize: 100,
  };
  const risk = await reportValue(deps.analytics, ask, 'churn-risk', list);
  const high = risk.customers.filter(
    (c) =>
      (c.clv !== null && Number(c.clv) >= s.highValueFrom) ||
      (c.valueAtRisk !== null && Number(c.valueAtRisk) >= s.highValueFrom),
  );
  const rules = high.map((c) => `high_value:${c.id}`);
  await resetBelow(deps.prisma, s.telegramUserId, 'high_value:', rules);
  const byRule = new Map(high.map((c) => [`high_value:${c.id}`, c]));
  await fireCrossed(deps.prisma, {
    telegramUserId: s.telegramUserId,
    kind: 'high_value',
    crossings: high.map((c) => ({ rule: `high_value:${c.id}`, value: c.probability * 100 })),
    dueAt,
    text: (fired) =>
      [
        say('highValueAlert', lang, { threshold: `${s.churnProbabilityAtLeast}%` }),
        ...fired.map((f) => {
          const c = byRule.get(f.rule)!;
          return `• #${c.id} ${c.name ?? ''} — ${pct(c.probability, lang)}, CLV ${c.clv === null ? '—' : money(c.clv, lang, deps.analytics.settings.currency)}`;
        }),
      ].join('\n'),
  });
}

/** Each failure since the subscriber turned these alerts on, once (keyed by its id). */
async function failureAlerts(deps: Deps, s: AlertSettings, dueAt: Date, lang: Lang) {
  const failures = await deps.prisma.$queryRaw<
    { id: bigint; channel: string; what: string; message: string; at: Date }[]
  >`
    SELECT f.id, f.channel, f.what, f.message, f.at FROM ingest_failures f
    WHERE f.at >= ${s.failuresSince} AND NOT EXISTS (
      SELECT 1 FROM notifications n
      WHERE n.telegram_user_id = ${s.telegramUserId} AND n.kind = 'failure' AND n.key = f.id::text)
    ORDER BY f.id LIMIT 20`;
  for (const f of failures) {
    const channel = f.channel === 'import' ? say('import', lang) : say('api', lang);
    const text = `${say('failureAlert', lang)}\n${channel} · ${f.what} · ${f.at.toISOString().slice(0, 16).replace('T', ' ')} UTC\n${f.message}`;
    await deps.prisma.$executeRaw`
      INSERT INTO notifications (telegram_user_id, kind, key, due_at, text)
      VALUES (${s.telegramUserId}, 'failure', ${String(f.id)}, ${dueAt}, ${text})
      ON CONFLICT DO NOTHING`;
  }
}
