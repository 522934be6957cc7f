import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  authErrors,
  Instant,
  Label,
  Money,
  Pagination,
  pageOf,
  SearchText,
} from '../../../../lib/schemas.ts';
import { staffOnly } from '../../../../plugins/auth.ts';
import { listProducts } from '../../../../services/list-products.ts';

const Query = Pagination.extend({
  q: SearchText.optional().describe('name or SKU'),
  category: Label.optional(),
  tag: Label.optional(),
  sort: z.enum(['name', '-name', 'sku', 'id']).default('name'),
});

const Product = z.object({
  id: z.number().int(),
  sku: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  price: Money.nullable(),
  priceSince: Instant.nullable(),
});

const productRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: staffOnly },
      schema: {
        summary: 'Product catalogue with current prices, paginated and searchable (staff)',
        tags: ['products'],
        querystring: Query,
        response: { 200: pageOf(Product), ...authErrors },
      },
    },
    async (request) => listProducts(app.prisma, request.query),
  );
};

export default productRoutes;
