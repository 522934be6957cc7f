// Who a campaign targets: the customers of a selection (segment, region, channel, saved
// audience) and, when asked, only those whose newest churn probability and value at risk
// (probability × CLV) reach the thresholds. The same query serves the preview and the launch.
import type { CampaignTarget } from '@retention/contracts';
import type { Database } from '@retention/db';
import type { z } from 'zod';
import { refreshAudience } from '../analytics/audiences.ts';
import { todayIn } from '../analytics/clock.ts';
import { latestRun } from '../analytics/latest-run.ts';
import { resolveRange } from '../analytics/periods.ts';
import { resolveSelection } from '../analytics/selection.ts';
import { cents, money, Params, selectionSql, withCtes } from '../analytics/sql.ts';
import type { Identity } from '../auth/identity.ts';
import { regionView } from '../auth/scope.ts';
import { Refusal } from '../errors.ts';
import { reachCounts } from './reach.ts';

/** Who a campaign aims at: the selection and the churn thresholds (contracts/src/api/campaigns.ts). */
export type Target = z.infer<typeof CampaignTarget>;

export interface TargetMember {
  customerId: number;
  /** Linked Telegram account. */
  linked: boolean;
  optedOut: boolean;
  churnProbability: number | null;
  valueAtRiskCents: number;
}

export interface TargetPopulation {
  members: TargetMember[];
  /** Model runs the thresholds were read from (recorded with the campaign). */
  churnRunId: number | null;
  clvRunId: number | null;
}

interface Row {
  customer_id: number;
  linked: boolean;
  opted_out: boolean;
  probability: number | null;
  value_at_risk: string | null;
}

/** The customers `target` names today, in id order. */
export async function targetPopulation(
  db: Database,
  viewer: Identity,
  target: Target,
  timeZone: string,
  now = new Date(),
): Promise<TargetPopulation> {
  const today = todayIn(timeZone, now);
  const range = resolveRange({ granularity: 'month' }, today);
  if (target.audience !== undefined) await refreshAudience(db, target.audience, today, timeZone);
  const selection = await resolveSelection(
    db,
    regionView(viewer, target.region),
    target,
    range,
    timeZone,
  );
  const byRisk = target.minChurnProbability !== undefined || target.minValueAtRisk !== undefined;
  const churnRun = await latestRun(db.prisma, 'churn');
  const clvRun = await latestRun(db.prisma, 'clv');
  if (byRisk && !churnRun) {
    throw new Refusal('conflict', 'noChurnModelForTarget');
  }
  if (target.minValueAtRisk !== undefined && !clvRun) {
    throw new Refusal('conflict', 'noClvModelForTarget');
  }
  const p = new Params();
  const sel = selectionSql(selection, p);
  const where: string[] = [];
  if (target.minChurnProbability !== undefined) {
    where.push(`s.churn_probability >= ${p.add(target.minChurnProbability, 'float8')}`);
  }
  if (target.minValueAtRisk !== undefined) {
    where.push(
      `round((s.churn_probability * v.clv)::numeric, 2) >= ${p.add(target.minValueAtRisk, 'numeric')}`,
    );
  }
  const r = await db.query<Row>(
    `${withCtes(sel.ctes)}
     SELECT c.customer_id, c.linked, c.opted_out, s.churn_probability::float8 AS probability,
            round((s.churn_probability * v.clv)::numeric, 2)::text AS value_at_risk
     FROM (SELECT id AS customer_id, telegram_user_id IS NOT NULL AS linked,
                  offers_opt_out_at IS NOT NULL AS opted_out
           FROM customers) c
     ${sel.join}
     LEFT JOIN customer_scores s
       ON s.customer_id = c.customer_id AND s.model_run_id = ${p.add(churnRun?.id ?? 0, 'int')}
     LEFT JOIN customer_scores v
       ON v.customer_id = c.customer_id AND v.model_run_id = ${p.add(clvRun?.id ?? 0, 'int')}
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY c.customer_id`,
    p.values,
  );
  return {
    members: r.rows.map((row) => ({
      customerId: Number(row.customer_id),
      linked: row.linked,
      optedOut: row.opted_out,
      churnProbability: row.probability === null ? null : Number(row.probability),
      valueAtRiskCents: cents(row.value_at_risk),
    })),
    churnRunId: churnRun?.id ?? null,
    clvRunId: clvRun?.id ?? null,
  };
}

/** Control-group size of a target: the share rounded, at least one when the share is not 0. */
export function controlSize(size: number, share: number): number {
  if (share <= 0 || size === 0) return 0;
  return Math.min(size - 1, Math.max(1, Math.round(size * share)));
}

/** What launching would do: sizes, reach in Telegram, value at risk and expected churners. */
export function previewOf(members: readonly TargetMember[], controlShare: number) {
  const control = controlSize(members.length, controlShare);
  const reach = reachCounts(members);
  let valueAtRiskCents = 0;
  let expected = 0;
  let scored = 0;
  for (const m of members) {
    valueAtRiskCents += m.valueAtRiskCents;
    if (m.churnProbability !== null) {
      expected += m.churnProbability;
      scored++;
    }
  }
  return {
    size: members.length,
    treatment: members.length - control,
    control,
    withTelegram: reach.reachable,
    optedOut: reach.optedOut,
    withoutTelegram: reach.noTelegram,
    valueAtRisk: money(valueAtRiskCents),
    expectedChurners: Math.round(expected * 10) / 10,
    averageChurnProbability: scored ? expected / scored : null,
  };
}
