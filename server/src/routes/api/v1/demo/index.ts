// Registered only in demo mode (no BOT_TOKEN): signed initData for a demo user, so the
// Mini App can be tried in a plain browser on this machine.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../../../errors.ts';
import { signInitData } from '../../../../lib/init-data.ts';
import { isLocalRequest } from '../../../../lib/local-request.ts';
import { ErrorBody } from '../../../../lib/schemas.ts';
import { demoUsers } from '../../../../services/demo-users.ts';

const demoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/session',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Demo mode only: signed initData for the demo user of a role (loopback clients)',
        tags: ['demo'],
        body: z.object({ role: z.enum(['admin', 'manager', 'client']) }),
        response: {
          200: z.object({
            initDataRaw: z.string(),
            role: z.string(),
            user: z.object({
              id: z.number(),
              first_name: z.string(),
              last_name: z.string().optional(),
              username: z.string().optional(),
              language_code: z.string().optional(),
            }),
          }),
          400: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request) => {
      // The socket's peer, not X-Forwarded-For: a proxy header must not unlock this.
      if (!isLocalRequest(request.socket.remoteAddress, request.headers)) {
        throw forbidden('demo sessions are only given to clients on this machine');
      }
      const user = demoUsers[request.body.role];
      return { initDataRaw: signInitData(user, app.initDataToken), role: request.body.role, user };
    },
  );
};

export default demoRoutes;
