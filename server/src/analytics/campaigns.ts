// Campaign effect: for each campaign running in the range, how its targeted customers did
// against the held-out control group during the campaign (start to end, or today).
import type { Database } from '@retention/db';
import type { Range } from './periods.ts';
import type { Selection } from './selection.ts';
import { cents, int, isoDaySql, Params, ratio, selectionSql, withCtes } from './sql.ts';

/** Two-sided 95% normal quantile. */
const z95 = 1.959_963_985;

export interface GroupOutcome {
  members: number;
  /** Members with a completed order during the campaign. */
  retained: number;
  retention: number | null;
  revenueCents: number;
  revenuePerMemberCents: number | null;
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
  /** The interval excludes 0. */
  significant: boolean;
}

export interface CampaignEffect {
  id: number;
  name: string;
  status: string;
  offerCode: string;
  offerTitle: string;
  startDay: string;
  endDay: string;
  /** Last day measured: the end, or today while it runs. */
  measuredTo: string;
  controlShare: number;
  sent: number;
  opened: number;
  redeemed: number;
  /** Redeemed ÷ targeted members. */
  redemptionRate: number | null;
  target: GroupOutcome;
  control: GroupOutcome;
  /** Retention of target − control, percentage points as a fraction, with a 95% interval. */
  retentionUplift: Interval | null;
  /** Revenue per member, target − control, in cents, with a 95% interval (Welch). */
  revenueUpliftCents: Interval | null;
  /** The revenue uplift per member × targeted members: what the campaign added, in cents. */
  incrementalRevenueCents: number | null;
  /**
   * What the redeemed offers cost, in cents: a percent discount's share of the full price
   * (order total × p ÷ (100 − p), the total being after the discount), an amount discount's
   * amount, a gift's cost.
   */
  discountCostCents: number;
  /** (Incremental revenue − cost) ÷ cost; null without cost or without an uplift estimate. */
  roi: number | null;
  /** Week by week from the start: each group's retention so far and the redemptions so far. */
  weeks: WeekPoint[];
}

export interface WeekPoint {
  /** The week's last day (the last measured day for the week in progress). */
  day: string;
  /** Share of the group's members with an order from the start to `day`. */
  targetRetention: number | null;
  controlRetention: number | null;
  redeemed: number;
}

interface Row {
  id: number;
  name: string;
  status: string;
  code: string;
  title: string;
  start_day: string;
  end_day: string;
  measured_to: string;
  control_share: number;
  grp: 'target' | 'control';
  members: number;
  sent: number;
  opened: number;
  redeemed: number;
  retained: number;
  revenue: string | null;
  revenue_var: number | null;
  cost: string | null;
}

export async function campaignEffects(
  db: Database,
  selection: Selection,
  range: Range,
): Promise<CampaignEffect[]> {
  const p = new Params();
  const sel = selectionSql(selection, p);
  const tz = p.add(selection.timeZone);
  const asOf = p.day(range.asOf);
  const camp = `camp AS (
        SELECT c.id, c.name, c.status::text AS status, o.code, o.title, c.control_share,
               o.kind::text AS offer_kind, o.percent_off, o.amount_off, o.gift_cost,
               (c.start_at AT TIME ZONE ${tz})::date AS start_day,
               (c.end_at AT TIME ZONE ${tz})::date AS end_day,
               least((c.end_at AT TIME ZONE ${tz})::date, ${asOf}) AS measured_to
        FROM campaigns c JOIN offers o ON o.id = c.offer_id
        WHERE c.status IN ('running', 'paused', 'finished')
          AND (c.start_at AT TIME ZONE ${tz})::date <= ${p.day(range.to)}
          AND (c.end_at AT TIME ZONE ${tz})::date >= ${p.day(range.from)}
      )`;
  const r = await db.query<Row>(
    `${withCtes(
      sel.ctes,
      camp,
      `mem AS (
        SELECT camp.*, m.customer_id, m."group"::text AS grp,
               a.sent_at, a.opened_at, a.redeemed_at,
               coalesce(bought.orders, 0) AS orders, coalesce(bought.revenue, 0) AS revenue,
               CASE WHEN a.redeemed_at IS NULL
                      OR (a.redeemed_at AT TIME ZONE ${tz})::date > camp.measured_to THEN 0
                    WHEN camp.offer_kind = 'discount_percent'
                      THEN coalesce(ro.total, 0) * camp.percent_off / (100 - camp.percent_off)
                    WHEN camp.offer_kind = 'discount_amount' THEN coalesce(camp.amount_off, 0)
                    ELSE coalesce(camp.gift_cost, 0) END AS cost
        FROM camp JOIN campaign_members m ON m.campaign_id = camp.id
        ${sel.join}
        LEFT JOIN offer_assignments a ON a.campaign_id = camp.id AND a.customer_id = m.customer_id
        LEFT JOIN orders ro ON ro.id = a.order_id AND ro.status = 'completed'
        LEFT JOIN LATERAL (
          SELECT sum(d.orders) AS orders, sum(d.revenue) AS revenue FROM analytics_customer_days d
          WHERE d.customer_id = m.customer_id AND d.day >= camp.start_day AND d.day <= camp.measured_to
        ) bought ON true
      )`,
    )}
    SELECT id, name, status, code, title, control_share::float8 AS control_share,
           ${isoDaySql('start_day')} AS start_day, ${isoDaySql('end_day')} AS end_day,
           ${isoDaySql('measured_to')} AS measured_to, grp,
           count(*)::int AS members, count(sent_at)::int AS sent, count(opened_at)::int AS opened,
           count(redeemed_at)::int AS redeemed, count(*) FILTER (WHERE orders > 0)::int AS retained,
           sum(revenue)::text AS revenue, var_samp(revenue * 100)::float8 AS revenue_var,
           round(sum(cost), 2)::text AS cost
    FROM mem
    GROUP BY id, name, status, code, title, control_share, start_day, end_day, measured_to, grp
    ORDER BY start_day DESC, id DESC`,
    p.values,
  );
  // Each member's first order in the campaign and their redemption, as weeks from its start.
  const w = await db.query<WeekRow>(
    `${withCtes(sel.ctes, camp)}
     SELECT camp.id, m."group"::text AS grp,
            (first.day - camp.start_day) / 7 AS ordered_week,
            ((a.redeemed_at AT TIME ZONE ${tz})::date - camp.start_day) / 7 AS redeemed_week,
            ${isoDaySql('camp.start_day')} AS start_day, ${isoDaySql('camp.measured_to')} AS measured_to
     FROM camp JOIN campaign_members m ON m.campaign_id = camp.id
     ${sel.join}
     LEFT JOIN offer_assignments a ON a.campaign_id = camp.id AND a.customer_id = m.customer_id
       AND (a.redeemed_at AT TIME ZONE ${tz})::date <= camp.measured_to
     LEFT JOIN LATERAL (
       SELECT min(d.day) AS day FROM analytics_customer_days d
       WHERE d.customer_id = m.customer_id AND d.orders > 0
         AND d.day >= camp.start_day AND d.day <= camp.measured_to
     ) first ON true`,
    p.values,
  );
  const weeksOf = timelines(w.rows);
  const byId = new Map<number, Row[]>();
  for (const row of r.rows) byId.set(int(row.id), [...(byId.get(int(row.id)) ?? []), row]);
  return [...byId.values()].map((rows) => {
    const any = rows[0] as Row;
    const t = rows.find((x) => x.grp === 'target');
    const c = rows.find((x) => x.grp === 'control');
    const target = outcome(t);
    const control = outcome(c);
    const redeemed = int(t?.redeemed ?? 0);
    const revenueUpliftCents = meanUplift(
      target,
      control,
      t?.revenue_var ?? null,
      c?.revenue_var ?? null,
    );
    const incrementalRevenueCents =
      target.revenuePerMemberCents === null || control.revenuePerMemberCents === null
        ? null
        : Math.round(
            (target.revenuePerMemberCents - control.revenuePerMemberCents) * target.members,
          );
    const discountCostCents = cents(t?.cost);
    return {
      id: int(any.id),
      name: any.name,
      status: any.status,
      offerCode: any.code,
      offerTitle: any.title,
      startDay: any.start_day,
      endDay: any.end_day,
      measuredTo: any.measured_to,
      controlShare: Number(any.control_share),
      sent: int(t?.sent ?? 0),
      opened: int(t?.opened ?? 0),
      redeemed,
      redemptionRate: ratio(redeemed, target.members),
      target,
      control,
      retentionUplift: proportionUplift(target, control),
      revenueUpliftCents,
      incrementalRevenueCents,
      discountCostCents,
      roi:
        incrementalRevenueCents === null || discountCostCents === 0
          ? null
          : (incrementalRevenueCents - discountCostCents) / discountCostCents,
      weeks: weeksOf.get(int(any.id)) ?? [],
    };
  });
}

interface WeekRow {
  id: number;
  grp: 'target' | 'control';
  ordered_week: number | null;
  redeemed_week: number | null;
  start_day: string;
  measured_to: string;
}

const dayMs = 86_400_000;

/** Cumulative retention of each group and redemptions, per week since each campaign's start. */
function timelines(rows: WeekRow[]): Map<number, WeekPoint[]> {
  const byId = new Map<number, WeekRow[]>();
  for (const row of rows) byId.set(int(row.id), [...(byId.get(int(row.id)) ?? []), row]);
  const out = new Map<number, WeekPoint[]>();
  for (const [id, members] of byId) {
    const first = members[0] as WeekRow;
    const start = Date.parse(first.start_day);
    const last = Date.parse(first.measured_to);
    const count = Math.max(0, Math.floor((last - start) / (7 * dayMs)) + 1);
    const size = { target: 0, control: 0 };
    for (const m of members) size[m.grp]++;
    const points: WeekPoint[] = [];
    for (let k = 0; k < count; k++) {
      const upTo = (week: number | null) => week !== null && int(week) <= k;
      const retained = (grp: 'target' | 'control') =>
        members.filter((m) => m.grp === grp && upTo(m.ordered_week)).length;
      const end = Math.min(start + (7 * k + 6) * dayMs, last);
      points.push({
        day: new Date(end).toISOString().slice(0, 10),
        targetRetention: ratio(retained('target'), size.target),
        controlRetention: ratio(retained('control'), size.control),
        redeemed: members.filter((m) => m.grp === 'target' && upTo(m.redeemed_week)).length,
      });
    }
    out.set(id, points);
  }
  return out;
}

function outcome(row: Row | undefined): GroupOutcome {
  const members = int(row?.members ?? 0);
  const retained = int(row?.retained ?? 0);
  const revenueCents = cents(row?.revenue);
  return {
    members,
    retained,
    retention: ratio(retained, members),
    revenueCents,
    revenuePerMemberCents: ratio(revenueCents, members),
  };
}

/** Difference of two proportions with a Wald 95% interval. */
export function proportionUplift(t: GroupOutcome, c: GroupOutcome): Interval | null {
  if (t.members === 0 || c.members === 0) return null;
  const pt = t.retained / t.members;
  const pc = c.retained / c.members;
  const se = Math.sqrt((pt * (1 - pt)) / t.members + (pc * (1 - pc)) / c.members);
  return interval(pt - pc, se);
}

/** Difference of two means (sample variances given) with a Welch 95% interval. */
export function meanUplift(
  t: GroupOutcome,
  c: GroupOutcome,
  varT: number | null,
  varC: number | null,
): Interval | null {
  if (t.members < 2 || c.members < 2 || varT === null || varC === null) return null;
  const diff = (t.revenuePerMemberCents ?? 0) - (c.revenuePerMemberCents ?? 0);
  return interval(diff, Math.sqrt(varT / t.members + varC / c.members));
}

function interval(estimate: number, se: number): Interval {
  const low = estimate - z95 * se;
  const high = estimate + z95 * se;
  return { estimate, low, high, significant: low > 0 || high < 0 };
}
