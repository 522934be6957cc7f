// The analytics engine of this server: the refresher that keeps the derived tables current
// and the result cache keyed on their generation.
import fp from 'fastify-plugin';
import { ResultCache } from '../analytics/cache.ts';
import { AnalyticsRefresher } from '../analytics/refresher.ts';

export default fp(
  async (app) => {
    const refresher = new AnalyticsRefresher(app.db, app.config.analytics, app.log, app.metrics);
    const cache = new ResultCache();
    app.decorate('analytics', { refresher, cache });
    app.addHook('onReady', async () => refresher.start());
    app.addHook('onClose', async () => refresher.stop());
  },
  { name: 'analytics', dependencies: ['db'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    analytics: { refresher: AnalyticsRefresher; cache: ResultCache };
  }
}
