import { authErrors, OfferList, OffersQuery } from '@retention/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffOnly } from '../../../../plugins/auth.ts';
import { listOffers } from '../../../../services/customer-offers.ts';

const offerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: staffOnly },
      schema: {
        summary: 'The business’s offers: those still valid, or all with all=true (staff)',
        tags: ['offers'],
        querystring: OffersQuery,
        response: { 200: OfferList, ...authErrors },
      },
    },
    async (request) => ({ items: await listOffers(app.prisma, { all: request.query.all }) }),
  );
};

export default offerRoutes;
