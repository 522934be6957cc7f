// From a request's query to a report: the range against today in the business time
// zone, the filters checked against the data and the viewer's scope; and the report for it,
// from the cache or computed by a report thread.
import type { Database } from '@retention/db';
import type { Identity } from '../auth/identity.ts';
import { regionView } from '../auth/scope.ts';
import type { AnalyticsSettings } from '../config.ts';
import { refreshAudience } from './audiences.ts';
import type { ResultCache } from './cache.ts';
import { filterOptions } from './filter-options.ts';
import { type Granularity, resolveRange } from './periods.ts';
import type { AnalyticsRefresher } from './refresher.ts';
import type { ReportPool } from './report-pool.ts';
import type { ReportArgs, ReportName, ReportValue } from './report-table.ts';
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

/** Who asks for a report, and for what: the caller and the request's range and filters. */
export interface ReportAsk {
  viewer: Identity;
  query: AnalyticsQuery;
  /** "Today" is this instant's day in the business time zone (default: the present). */
  now?: Date | undefined;
}

/**
 * The range against the business's today (clock.ts), and the customers the ask selects in the
 * region the viewer may see (auth/scope.ts).
 */
async function selectionOf(
  analytics: Pick<AnalyticsEngine, 'db' | 'settings' | 'refresher'>,
  ask: ReportAsk,
) {
  const { db, settings, refresher } = analytics;
  const today = refresher.businessDay(ask.now).today;
  const range = resolveRange(ask.query, today);
  const view = regionView(ask.viewer, ask.query.region);
  const { audience } = ask.query;
  if (audience !== undefined) await refreshAudience(db, audience, today, settings.timeZone);
  const selection = await resolveSelection(db, view, ask.query, range, settings.timeZone);
  return { range, selection };
}

/**
 * The report as JSON bytes: the range against today, the filters checked against the data
 * and the viewer's scope, then the cache (same report, range and selection → same answer)
 * or a report thread.
 */
export async function reportJson<N extends ReportName>(
  analytics: AnalyticsEngine,
  ask: ReportAsk,
  name: N,
  ...[args]: ReportArgs<N> extends undefined ? [] : [ReportArgs<N>]
): Promise<Buffer> {
  const { db, settings, refresher, cache, pool } = analytics;
  await refresher.ready();
  const { range, selection } = await selectionOf(analytics, ask);
  const { from, to, asOf, granularity } = range;
  const key = JSON.stringify({ name, from, to, asOf, granularity, selection, args });
  return cache.get(refresher.generation, key, () =>
    pool.run(name, { db, settings, range, selection }, args),
  );
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
  const { selection } = await selectionOf(analytics, { viewer, query: { granularity: 'month' } });
  const key = JSON.stringify({ name: 'options', region: selection.region ?? null });
  return cache.get(refresher.generation, key, async () =>
    Buffer.from(JSON.stringify(await filterOptions(db, selection))),
  );
}

/** The report as a value, for callers that read it (the bot, digests, alerts). */
export async function reportValue<N extends ReportName>(
  analytics: AnalyticsEngine,
  ask: ReportAsk,
  name: N,
  ...args: ReportArgs<N> extends undefined ? [] : [ReportArgs<N>]
): Promise<ReportValue<N>> {
  return JSON.parse((await reportJson(analytics, ask, name, ...args)).toString('utf8'));
}
