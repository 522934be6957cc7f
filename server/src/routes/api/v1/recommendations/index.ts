import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authErrors, ErrorBody } from '../../../../lib/schemas.ts';
import { recommendFor } from '../../../../ml/recs/recommend-for.ts';
import { identityOf } from '../../../../plugins/auth.ts';

const Recommendations = z.object({
  customerId: z.number().int(),
  run: z.object({ id: z.number().int(), asOf: z.string() }).nullable(),
  items: z.array(
    z.object({
      id: z.number().int(),
      sku: z.string(),
      name: z.string(),
      category: z.string().nullable(),
      score: z.number(),
      basis: z
        .enum(['similar', 'popular'])
        .describe('from what they bought, or popular in their segment'),
      becauseProductId: z.number().int().nullable(),
    }),
  ),
  message: z.string().nullable(),
});

const recommendationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/user/:id',
    {
      config: { access: ['admin', 'manager', 'client'] },
      schema: {
        summary: 'Top 10 products for a customer (clients: only themselves; others are 404)',
        tags: ['models'],
        params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
        response: { 200: Recommendations, ...authErrors, 404: ErrorBody },
      },
    },
    async (request) =>
      recommendFor(app.db, identityOf(request), request.params.id, app.config.analytics.timeZone),
  );
};

export default recommendationRoutes;
