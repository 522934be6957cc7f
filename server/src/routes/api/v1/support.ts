import { authErrors, Support } from '@retention/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

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
