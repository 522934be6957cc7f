// Which customers a metric counts: the filters of a request (region, channel, segment,
// plan, saved audience) checked against the data, within the region the viewer's scope allows
// (decided before, by auth/scope.ts).
import type { Database } from '@retention/db';
import type { RegionView } from '../auth/scope.ts';
import { notFound, Refusal } from '../errors.ts';
import { latestRun } from './latest-run.ts';
import type { Range } from './periods.ts';
import { findRfmSegment, type RfmSlug, rfmSegments } from './rfm-segments.ts';

export interface FilterQuery {
  region?: string | undefined;
  channel?: string | undefined;
  segment?: string | undefined;
  plan?: string | undefined;
  audience?: number | undefined;
}

export type SegmentRef =
  | { kind: 'rfm'; slug: RfmSlug }
  | { kind: 'model'; name: string; modelRunId: number };

export interface Selection {
  region?: string;
  channel?: string;
  segment?: SegmentRef;
  plan?: string;
  /** A saved audience's members; `evaluatedOn` tells its members' version apart (audiences.ts). */
  audience?: { id: number; name: string; evaluatedOn: string };
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

/** The customers `q` selects in the region `view` allows (`view.region` replaces `q.region`). */
export async function resolveSelection(
  db: Database,
  view: RegionView,
  q: FilterQuery,
  range: Range,
  timeZone: string,
): Promise<Selection> {
  const { region, scope } = view;
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
  if (q.audience !== undefined) selection.audience = await findAudience(db, q.audience, scope);
  return selection;
}

/** A saved audience the scope may see: one saved within it, or by anyone for an unscoped viewer. */
async function findAudience(db: Database, id: number, scope: string | null) {
  const found = await db.query<{ id: number; name: string; evaluated_on: string }>(
    `SELECT id, name, evaluated_on FROM audiences
     WHERE id = $1 AND ($2::text IS NULL OR scope_region = $2)`,
    [id, scope],
  );
  const row = found.rows[0];
  if (!row) throw notFound('audience', id);
  return { id: Number(row.id), name: row.name, evaluatedOn: row.evaluated_on };
}

const unknownValue = {
  region: ['unknownRegion', 'unknownRegionNone'],
  channel: ['unknownChannel', 'unknownChannelNone'],
  plan: ['unknownPlan', 'unknownPlanNone'],
} as const;

async function mustExist(
  db: Database,
  what: keyof typeof unknownValue,
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
  const [some, none] = unknownValue[what];
  throw names.length
    ? new Refusal('bad_request', some, { value, known: list })
    : new Refusal('bad_request', none, { value });
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
  const known = rfmSegments.map((s) => s.slug).join(', ');
  throw new Refusal('bad_request', run === null ? 'unknownSegment' : 'unknownSegmentOrModel', {
    value: asked,
    known,
  });
}
