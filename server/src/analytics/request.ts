// From an HTTP query to a metric context: the range against today in the business time
// zone, the filters checked against the data and the viewer's scope, and the cache key.
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../services/resolve-identity.ts';
import { type Granularity, isoOf, resolveRange, todayIn } from './periods.ts';
import type { MetricContext } from './reports.ts';
import { type FilterQuery, resolveSelection } from './selection.ts';

export interface AnalyticsQuery extends FilterQuery {
  from?: string | undefined;
  to?: string | undefined;
  granularity: Granularity;
}

export async function metricContext(
  app: FastifyInstance,
  viewer: Identity,
  q: AnalyticsQuery,
  now = new Date(),
): Promise<MetricContext> {
  const settings = app.config.analytics;
  const range = resolveRange(q, todayIn(settings.timeZone, now));
  const selection = await resolveSelection(app.db, viewer, q, range, settings.timeZone);
  return { db: app.db, settings, range, selection };
}

/** Runs `report` through the cache: same route, range and selection → same answer. */
export async function cachedReport<T>(
  app: FastifyInstance,
  route: string,
  ctx: MetricContext,
  report: (ctx: MetricContext) => Promise<T>,
  extra: Record<string, unknown> = {},
): Promise<T> {
  const { refresher, cache } = app.analytics;
  await refresher.ready();
  const { range, selection } = ctx;
  const key = JSON.stringify({
    route,
    from: isoOf(range.from),
    to: isoOf(range.to),
    asOf: isoOf(range.asOf),
    granularity: range.granularity,
    selection,
    ...extra,
  });
  return cache.get(refresher.generation, key, () => report(ctx));
}
