import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authErrors, ErrorBody, pageOf } from '../../../../lib/schemas.ts';
import { identityOf, staffOnly } from '../../../../plugins/auth.ts';
import { getCustomer } from '../../../../services/get-customer.ts';
import { listCustomers } from '../../../../services/list-customers.ts';
import { CustomerDetail, CustomerSummary, ListUsersQuery } from './schemas.ts';

const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'Customers, paginated, searchable and filterable (staff; scoped managers see their region)',
        tags: ['customers'],
        querystring: ListUsersQuery,
        response: { 200: pageOf(CustomerSummary), ...authErrors },
      },
    },
    async (request) => listCustomers(app.prisma, identityOf(request), request.query),
  );

  app.get(
    '/:id',
    {
      config: { access: ['admin', 'manager', 'client'] },
      schema: {
        summary: "One customer's card (clients: their own only; others are 404)",
        tags: ['customers'],
        params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
        response: { 200: CustomerDetail, ...authErrors, 404: ErrorBody },
      },
    },
    async (request) => getCustomer(app.prisma, identityOf(request), request.params.id),
  );
};

export default userRoutes;
