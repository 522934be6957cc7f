// From an HTTP query to a metric context: the range against today in the business time
// zone, the filters checked against the data and the viewer's scope; and the report for it,
// from the cache or computed by a report thread.
import type { Database } from '@retention/db';
import type { Identity } from '../auth/identity.ts';
import type { AnalyticsSettings } from '../config.ts';
import type { ResultCache } from './cache.ts';
import { filterOptions } from './filter-options.ts';
import { type Granularity, isoOf, resolveRange, todayIn } from './periods.ts';
import type { AnalyticsRefresher } from './refresher.ts';
import type { ReportPool } from './report-pool.ts';
import type { ReportArgs, ReportName, ReportValue } from './report-table.ts';
import type { MetricContext } from './reports.ts';
import { type FilterQuery, resolveSelection } from './selection.ts';

/** What answering a report takes: the server's analytics (plugins/analytics.ts makes it). */
export interface AnalyticsEngine {
  db: Database;
  settings: AnalyticsSettings;
  refresher: AnalyticsRefresher;
  cache: ResultCache;
  pool: ReportPool;
}

export interface AnalyticsQuery extends FilterQuery {
  from?: string | undefined;
  to?: string | undefined;
  granularity: Granularity;
}

export async function metricContext(
  analytics: Pick<AnalyticsEngine, 'db' | 'settings'>,
  viewer: Identity,
  q: AnalyticsQuery,
  now = new Date(),
): Promise<MetricContext> {
  const { db, settings } = analytics;
  const range = resolveRange(q, todayIn(settings.timeZone, now));
  const selection = await resolveSelection(db, viewer, q, range, settings.timeZone);
  return { db, settings, range, selection };
}

/** The report as JSON bytes, through the cache: same route, range and selection → same answer. */
export async function reportJson<N extends ReportName>(
  analytics: AnalyticsEngine,
  name: N,
  ctx: MetricContext,
  ...[args]: ReportArgs<N> extends undefined ? [] : [ReportArgs<N>]
): Promise<Buffer> {
  const { refresher, cache, pool } = analytics;
  await refresher.ready();
  const { range, selection } = ctx;
  const key = JSON.stringify({
    name,
    from: isoOf(range.from),
    to: isoOf(range.to),
    asOf: isoOf(range.asOf),
    granularity: range.granularity,
    selection,
    args,
  });
  return cache.get(refresher.generation, key, () => pool.run(name, ctx, args));
}

/**
 * The values the filters accept in the viewer's scope (filter-options.ts), as JSON bytes
 * through the same cache: they change only when the data does, with the generation.
 */
export async function filterOptionsJson(
  analytics: AnalyticsEngine,
  viewer: Identity,
): Promise<Buffer> {
  const { refresher, cache, db } = analytics;
  await refresher.ready();
  const { selection } = await metricContext(analytics, viewer, { granularity: 'month' });
  const key = JSON.stringify({ name: 'options', region: selection.region ?? null });
  return cache.get(refresher.generation, key, async () =>
    Buffer.from(JSON.stringify(await filterOptions(db, selection))),
  );
}

/** The report as a value, for callers that read it (the bot, digests, alerts). */
export async function reportValue<N extends ReportName>(
  analytics: AnalyticsEngine,
  name: N,
  ctx: MetricContext,
  ...args: ReportArgs<N> extends undefined ? [] : [ReportArgs<N>]
): Promise<ReportValue<N>> {
  return JSON.parse((await reportJson(analytics, name, ctx, ...args)).toString('utf8'));
}
