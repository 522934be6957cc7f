// The analytics engine of this server: the refresher that keeps the derived tables current,
// the threads that compute reports, and the result cache keyed on the tables' generation.
// Routes, the bot and the alerts get it as `app.analytics` (analytics/request.ts reads it).
import fp from 'fastify-plugin';
import { ResultCache } from '../analytics/cache.ts';
import { AnalyticsRefresher } from '../analytics/refresher.ts';
import { ReportPool } from '../analytics/report-pool.ts';
import type { AnalyticsEngine } from '../analytics/request.ts';

export default fp(
  async (app) => {
    const settings = app.config.analytics;
    const refresher = new AnalyticsRefresher(app.db, settings, app.log, app.metrics);
    const cache = new ResultCache(settings.cacheBytes);
    const pool = new ReportPool(app.db.url);
    app.decorate('analytics', { db: app.db, settings, refresher, cache, pool });
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
    analytics: AnalyticsEngine;
  }
}
