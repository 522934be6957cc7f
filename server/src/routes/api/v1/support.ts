import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authErrors } from '../../../lib/schemas.ts';

const Support = z.object({
  telegram: z.string().nullable().describe('username without @'),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  hours: z.string().nullable(),
});

const supportRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/support',
    {
      config: { access: 'any' },
      schema: {
        summary: 'How clients reach the business (SUPPORT_* settings; unset ones are null)',
        tags: ['auth'],
        response: { 200: Support, ...authErrors },
      },
    },
    async () => app.config.support,
  );
};

export default supportRoute;
