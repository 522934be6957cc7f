import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authErrors } from '../../../../lib/schemas.ts';
import { staffOnly } from '../../../../plugins/auth.ts';
import { listOffers } from '../../../../services/customer-offers.ts';
import { Offer } from '../users/schemas.ts';

const offerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: staffOnly },
      schema: {
        summary: 'The business’s offers: those still valid, or all with all=true (staff)',
        tags: ['offers'],
        querystring: z.object({ all: z.stringbool().default(false) }),
        response: { 200: z.object({ items: z.array(Offer) }), ...authErrors },
      },
    },
    async (request) => ({ items: await listOffers(app.prisma, { all: request.query.all }) }),
  );
};

export default offerRoutes;
