import { authErrors, Me } from '@retention/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { identityOf } from '../../../plugins/auth.ts';

const meRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me',
    {
      config: { access: 'any' },
      schema: {
        summary: 'Who is signed in: Telegram user, role and region scope',
        tags: ['auth'],
        response: { 200: Me, ...authErrors },
      },
    },
    async (request) => {
      const id = identityOf(request);
      const customer =
        id.customerId === null
          ? null
          : await app.prisma.customer.findUnique({
              where: { id: id.customerId },
              select: { id: true, name: true },
            });
      return {
        user: {
          telegramId: id.telegramId.toString(),
          firstName: id.user.first_name,
          lastName: id.user.last_name ?? null,
          username: id.user.username ?? null,
          languageCode: id.user.language_code ?? null,
        },
        role: id.role,
        scope: { region: id.regionScope },
        customer,
        demo: app.config.demo,
        business: { currency: app.config.analytics.currency },
      };
    },
  );
};

export default meRoute;
