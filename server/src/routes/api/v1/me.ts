import { roles } from '@retention/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authErrors } from '../../../lib/schemas.ts';
import { identityOf } from '../../../plugins/auth.ts';

const Me = z.object({
  user: z.object({
    telegramId: z.string(),
    firstName: z.string(),
    lastName: z.string().nullable(),
    username: z.string().nullable(),
    languageCode: z.string().nullable(),
  }),
  role: z.enum(roles),
  scope: z.object({ region: z.string().nullable() }),
  customer: z.object({ id: z.number().int(), name: z.string().nullable() }).nullable(),
  demo: z.boolean(),
});

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
      };
    },
  );
};

export default meRoute;
