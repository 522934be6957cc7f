// Which customers a metric counts: the filters of a request (region, channel, segment,
// plan) checked against the data, and the viewer's region scope applied on top.
import type { Database } from '@retention/db';
import type { Identity } from '../auth/identity.ts';
import { regionScopeOf, scopedRegion } from '../auth/scope.ts';
import { AppError } from '../errors.ts';
import { latestRun } from './latest-run.ts';
import type { Range } from './periods.ts';
import { findRfmSegment, type RfmSlug, rfmGridArray, rfmSegments } from './rfm-segments.ts';
import type { Params } from './sql.ts';

export interface FilterQuery {
  region?: string | undefined;
  channel?: string | undefined;
  segment?: string | undefined;
  plan?: string | undefined;
}

export type SegmentRef =
  | { kind: 'rfm'; slug: RfmSlug }
  | { kind: 'model'; name: string; modelRunId: number };

export interface Selection {
  region?: string;
  channel?: string;
  segment?: SegmentRef;
  plan?: string;
  /** RFM segments are scored as of this day (the range's last day). */
  rfmAsOf: number;
  /** A plan selects customers with a contract on it overlapping [from, to]. */
  planFrom: number;
  planTo: number;
  /** Set when the viewer's scope forced the region. */
  scopedRegion: string | null;
  /** Business time zone (contract dates are compared as its calendar days). */
  timeZone: string;
}

/** Row groups of the breakdown table. */
export type Dimension = 'region' | 'channel' | 'segment';

const bad = (message: string) => new AppError('bad_request', message);

export async function resolveSelection(
  db: Database,
  viewer: Identity,
  q: FilterQuery,
  range: Range,
  timeZone: string,
): Promise<Selection> {
  const scope = regionScopeOf(viewer);
  const region = scopedRegion(viewer, q.region);
  const selection: Selection = {
    rfmAsOf: range.to,
    planFrom: range.from,
    planTo: range.to,
    scopedRegion: scope,
    timeZone,
  };
  if (region !== undefined) {
    if (scope === null) await mustExist(db, 'region', 'customers', 'region', region);
    selection.region = region;
  }
  if (q.channel !== undefined) {
    await mustExist(db, 'channel', 'customers', 'acquisition_channel', q.channel);
    selection.channel = q.channel;
  }
  if (q.plan !== undefined) {
    await mustExist(db, 'plan', 'contracts', 'plan', q.plan);
    selection.plan = q.plan;
  }
  if (q.segment !== undefined) selection.segment = await findSegment(db, q.segment);
  return selection;
}

async function mustExist(
  db: Database,
  what: string,
  table: string,
  column: string,
  value: string,
): Promise<void> {
  const found = await db.query(`SELECT 1 FROM ${table} WHERE ${column} = $1 LIMIT 1`, [value]);
  if (found.rows.length > 0) return;
  const known = await db.query<{ v: string }>(
    `SELECT DISTINCT ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL ORDER BY 1 LIMIT 31`,
  );
  const names = known.rows.map((r) => r.v);
  const list = names.length > 30 ? `${names.slice(0, 30).join(', ')}, ...` : names.join(', ');
  throw bad(`unknown ${what} "${value}"${names.length ? `; known: ${list}` : `; there are none`}`);
}

async function findSegment(db: Database, asked: string): Promise<SegmentRef> {
  const slug = findRfmSegment(asked);
  if (slug) return { kind: 'rfm', slug };
  // Segments of the newest segmentation run may be named too.
  const run = (await latestRun(db.prisma, 'segments'))?.id ?? null;
  if (run !== null) {
    const hit = await db.query<{ segment: string }>(
      `SELECT segment FROM customer_scores
       WHERE model_run_id = $1 AND lower(segment) = lower($2) LIMIT 1`,
      [run, asked.trim()],
    );
    const name = hit.rows[0]?.segment;
    if (name !== undefined) return { kind: 'model', name, modelRunId: run };
  }
  throw bad(
    `unknown segment "${asked}"; RFM segments: ${rfmSegments.map((s) => s.slug).join(', ')}${run === null ? '' : ', or a segment of the latest segmentation run'}`,
  );
}

/** The filters in words, for a response's definition. */
export function describeSelection(s: Selection) {
  return {
    region: s.region ?? null,
    channel: s.channel ?? null,
    segment: s.segment ? (s.segment.kind === 'rfm' ? s.segment.slug : s.segment.name) : null,
    segmentKind: s.segment?.kind ?? null,
    plan: s.plan ?? null,
    scope: s.scopedRegion === null ? null : `region ${s.scopedRegion} (your access scope)`,
  };
}

/**
 * RFM scores of every customer with a completed order on or before `asOf`: quintile scores
 * 1-5 by percent rank, so customers with equal values share a score.
 */
export function rfmCte(p: Params, asOf: number): string {
  const day = p.day(asOf);
  return `rfm AS (
    SELECT customer_id, recency, frequency, monetary, r, f, m,
           (${p.add(rfmGridArray(), 'text[]')})[(r - 1) * 5 + f] AS segment
    FROM (
      SELECT customer_id, recency, frequency, monetary,
             least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY recency DESC)))::int AS r,
             least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY frequency)))::int AS f,
             least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY monetary)))::int AS m
      FROM (
        -- Customers whose last order is on or before the day: their lifetime totals. Only
        -- those with later orders need their days summed.
        SELECT customer_id, ${day} - last_order_day AS recency, orders AS frequency,
               revenue AS monetary
        FROM analytics_customers WHERE last_order_day <= ${day}
        UNION ALL
        SELECT d.customer_id, ${day} - max(d.day), sum(d.orders)::int, sum(d.revenue)
        FROM analytics_customers a JOIN analytics_customer_days d USING (customer_id)
        WHERE a.last_order_day > ${day} AND a.first_order_day <= ${day} AND d.day <= ${day}
        GROUP BY d.customer_id
      ) totals
    ) scored
  )`;
}

export interface SelectionSql {
  /** CTEs to put after WITH (ending in `sel`), or '' when every customer counts. */
  ctes: string;
  /** `JOIN sel USING (customer_id)` or ''. */
  join: string;
  /** The group column expression (`sel.grp` or a constant). */
  grp: string;
}

/** SQL selecting the customers of `s`, grouped by `by` when given. */
export function selectionSql(
  s: Selection,
  p: Params,
  by?: Dimension,
  options: { rfmDefined?: boolean } = {},
): SelectionSql {
  const where: string[] = [];
  const ctes: string[] = [];
  const joins: string[] = [];
  const needsRfm = s.segment?.kind === 'rfm' || by === 'segment';
  if (needsRfm) {
    if (!options.rfmDefined) ctes.push(rfmCte(p, s.rfmAsOf));
    joins.push('LEFT JOIN rfm ON rfm.customer_id = c.id');
  }
  if (s.region !== undefined) where.push(`c.region = ${p.add(s.region)}`);
  if (s.channel !== undefined) where.push(`c.acquisition_channel = ${p.add(s.channel)}`);
  if (s.segment?.kind === 'rfm') where.push(`rfm.segment = ${p.add(s.segment.slug)}`);
  if (s.segment?.kind === 'model') {
    where.push(`EXISTS (SELECT 1 FROM customer_scores cs WHERE cs.customer_id = c.id
      AND cs.model_run_id = ${p.add(s.segment.modelRunId, 'int')} AND cs.segment = ${p.add(s.segment.name)})`);
  }
  if (s.plan !== undefined) {
    const tz = p.add(s.timeZone);
    where.push(`EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id
      AND k.plan = ${p.add(s.plan)} AND (k.start_at AT TIME ZONE ${tz})::date <= ${p.day(s.planTo)}
      AND (k.end_at IS NULL OR (k.end_at AT TIME ZONE ${tz})::date > ${p.day(s.planFrom)}))`);
  }
  if (where.length === 0 && by === undefined) return { ctes: '', join: '', grp: `''` };
  const grp =
    by === 'region'
      ? 'c.region'
      : by === 'channel'
        ? 'c.acquisition_channel'
        : by === 'segment'
          ? 'rfm.segment'
          : `''`;
  ctes.push(`sel AS (
    SELECT c.id AS customer_id, ${grp} AS grp FROM customers c ${joins.join(' ')}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
  )`);
  return { ctes: ctes.join(',\n'), join: 'JOIN sel USING (customer_id)', grp: 'sel.grp' };
}

export const withCtes = (...parts: string[]) => {
  const present = parts.filter((x) => x.trim() !== '');
  return present.length ? `WITH ${present.join(',\n')}` : '';
};
