import { authErrors, ErrorBody, RecommendationParams, Recommendations } from '@retention/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recommendFor } from '../../../../ml/recs/recommend-for.ts';
import { identityOf } from '../../../../plugins/auth.ts';

const recommendationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/user/:id',
    {
      config: { access: ['admin', 'manager', 'client'] },
      schema: {
        summary: 'Top 10 products for a customer (clients: only themselves; others are 404)',
        tags: ['models'],
        params: RecommendationParams,
        response: { 200: Recommendations, ...authErrors, 404: ErrorBody },
      },
    },
    async (request) => {
      const { refresher, settings } = app.analytics;
      const on = { today: refresher.businessDay().today, timeZone: settings.timeZone };
      return recommendFor(app.db, identityOf(request), request.params.id, on);
    },
  );
};

export default recommendationRoutes;
