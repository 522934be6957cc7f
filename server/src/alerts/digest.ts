// A digest's content from the same functions the API answers with, as the staff member sees
// it (a manager's region scope applies): the KPIs with their changes, the at-risk customers
// with the most value at stake, the campaigns of the period, and a screenshot of the chosen
// block (or why there is none).

import { kpiText } from '@retention/bot';
import type { Reason } from '@retention/contracts';
import { todayIn } from '../analytics/clock.ts';
import { isoOf } from '../analytics/periods.ts';
import { reportValue } from '../analytics/request.ts';
import type { Identity } from '../auth/identity.ts';
import { isAppError, Refusal, refused } from '../errors.ts';
import type { AlertsDeps } from './deps.ts';
import { kpiSummaryOf } from './kpi-summary.ts';
import type { AlertSettings } from './settings.ts';
import { type Lang, money, pct, say } from './texts.ts';

export interface Digest {
  text: string;
  /** The chosen block's picture, or why there is none; absent when no block is chosen. */
  screenshot?:
    | { ok: true; png: Uint8Array; caption: string }
    | { ok: false; reason: string; because: Reason | null };
}

export async function buildDigest(
  deps: Pick<AlertsDeps, 'analytics' | 'screenshotter'>,
  identity: Identity,
  settings: AlertSettings,
  o: { kind: 'daily' | 'weekly' | 'test'; now: Date },
): Promise<Digest> {
  const lang: Lang = settings.language ?? 'en';
  // Complete days only: the day before (daily) or the 7 days before today (weekly).
  const { analytics } = deps;
  const today = todayIn(analytics.settings.timeZone, o.now);
  const days = o.kind === 'daily' ? 1 : 7;
  const from = isoOf(today - days);
  const to = isoOf(today - 1);
  const ask = { viewer: identity, query: { from, to, granularity: 'month' as const }, now: o.now };
  const report = await reportValue(analytics, ask, 'dashboard');
  const summary = kpiSummaryOf(report, identity.regionScope, null, analytics.settings.currency);
  const risk = await reportValue(analytics, ask, 'churn-risk', {
    sort: 'value',
    minProbability: 0,
    atRiskOnly: true,
    page: 1,
    pageSize: 5,
  });
  const atRisk = risk.model
    ? risk.customers.length === 0
      ? [say('noneAtRisk', lang)]
      : risk.customers.map(
          (c, i) =>
            `${i + 1}. #${c.id} ${c.name ?? ''} — ${say('risk', lang)} ${pct(c.probability, lang)}, CLV ${c.clv === null ? '—' : money(c.clv, lang, analytics.settings.currency)}, ${say('valueAtRisk', lang)} ${c.valueAtRisk === null ? '—' : money(c.valueAtRisk, lang, analytics.settings.currency)}`,
        )
    : [say('noChurnModel', lang)];
  const effects = (await reportValue(analytics, ask, 'campaigns')).campaigns;
  const campaigns =
    effects.length === 0
      ? [say('noCampaigns', lang)]
      : effects.map((e) => {
          const rate = e.redemptionRate === null ? '' : ` (${pct(e.redemptionRate, lang)})`;
          const u = e.retentionUplift;
          const uplift = u
            ? `; ${say('uplift', lang)} ${u.estimate >= 0 ? '+' : ''}${pct(u.estimate, lang)} [${pct(u.low, lang)}, ${pct(u.high, lang)}]`
            : '';
          return `• ${e.name} (${e.offerCode}): ${say('sent', lang)} ${e.sent}, ${say('redeemed', lang)} ${e.redeemed}${rate}${uplift}`;
        });
  const title = say(o.kind, lang);
  const text = [
    `📬 ${title}`,
    kpiText(summary, lang),
    '',
    `${say('topAtRisk', lang)}:`,
    ...atRisk,
    '',
    `${say('campaigns', lang)}:`,
    ...campaigns,
  ].join('\n');
  if (!settings.screenshotBlock) return { text };
  return { text, screenshot: await screenshotOf(deps.screenshotter, identity, settings, from, to) };
}

async function screenshotOf(
  screenshotter: AlertsDeps['screenshotter'],
  identity: Identity,
  settings: AlertSettings,
  from: string,
  to: string,
): Promise<NonNullable<Digest['screenshot']>> {
  const block = settings.screenshotBlock!;
  if (!screenshotter) return refused(new Refusal('unavailable', 'screenshotsOff'));
  try {
    const png = await screenshotter.capture(
      identity.user,
      block,
      new URLSearchParams({ from, to }),
    );
    const scope = identity.regionScope ? ` · ${identity.regionScope}` : '';
    return { ok: true, png, caption: `${block} · ${from} – ${to}${scope}` };
  } catch (error) {
    if (isAppError(error)) return refused(error);
    throw error;
  }
}
