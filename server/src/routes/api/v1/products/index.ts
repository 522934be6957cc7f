import { authErrors, ProductPage, ProductsQuery } from '@retention/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffOnly } from '../../../../plugins/auth.ts';
import { listProducts } from '../../../../services/list-products.ts';

const productRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: staffOnly },
      schema: {
        summary: 'Product catalogue with current prices, paginated and searchable (staff)',
        tags: ['products'],
        querystring: ProductsQuery,
        response: { 200: ProductPage, ...authErrors },
      },
    },
    async (request) => listProducts(app.prisma, request.query),
  );
};

export default productRoutes;
