// The analytics engine of this server: the refresher that keeps the derived tables current,
// the threads that compute reports, and the result cache keyed on the tables' generation.
import fp from 'fastify-plugin';
import { ResultCache } from '../analytics/cache.ts';
import { AnalyticsRefresher } from '../analytics/refresher.ts';
import { ReportPool } from '../analytics/report-pool.ts';

export default fp(
  async (app) => {
    const refresher = new AnalyticsRefresher(app.db, app.config.analytics, app.log, app.metrics);
    const cache = new ResultCache(app.config.analytics.cacheBytes);
    const pool = new ReportPool(app.db.url);
    app.decorate('analytics', { refresher, cache, pool });
    app.addHook('onReady', async () => refresher.start());
    app.addHook('onClose', async () => {
      await refresher.stop();
      await pool.close();
    });
  },
  { name: 'analytics', dependencies: ['db'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    analytics: { refresher: AnalyticsRefresher; cache: ResultCache; pool: ReportPool };
  }
}
