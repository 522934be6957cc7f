// From an HTTP query to a metric context: the range against today in the business time
// zone, the filters checked against the data and the viewer's scope; and the report for it,
// from the cache or computed by a report thread.
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../auth/identity.ts';
import { filterOptions } from './filter-options.ts';
import { type Granularity, isoOf, resolveRange, todayIn } from './periods.ts';
import type { ReportArgs, ReportName, ReportValue } from './report-table.ts';
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

/** The report as JSON bytes, through the cache: same route, range and selection → same answer. */
export async function reportJson<N extends ReportName>(
  app: FastifyInstance,
  name: N,
  ctx: MetricContext,
  ...[args]: ReportArgs<N> extends undefined ? [] : [ReportArgs<N>]
): Promise<Buffer> {
  const { refresher, cache, pool } = app.analytics;
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
export async function filterOptionsJson(app: FastifyInstance, viewer: Identity): Promise<Buffer> {
  const { refresher, cache } = app.analytics;
  await refresher.ready();
  const { selection } = await metricContext(app, viewer, { granularity: 'month' });
  const key = JSON.stringify({ name: 'options', region: selection.region ?? null });
  return cache.get(refresher.generation, key, async () =>
    Buffer.from(JSON.stringify(await filterOptions(app.db, selection))),
  );
}

/** The report as a value, for callers that read it (the bot, digests, alerts). */
export async function reportValue<N extends ReportName>(
  app: FastifyInstance,
  name: N,
  ctx: MetricContext,
  ...args: ReportArgs<N> extends undefined ? [] : [ReportArgs<N>]
): Promise<ReportValue<N>> {
  return JSON.parse((await reportJson(app, name, ctx, ...args)).toString('utf8'));
}
