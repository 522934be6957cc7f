// Registered only in demo mode (no BOT_TOKEN): signed initData for a demo user, so the
// Mini App can be tried in a plain browser. Only for those who show the demo key from the
// server's start log: being on this machine proves nothing behind a reverse proxy (a plain
// nginx proxy_pass makes every caller's address and Host look local).

import { createHash, timingSafeEqual } from 'node:crypto';
import { DemoSession, DemoSessionBody, ErrorBody } from '@retention/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signInitData } from '../../../../auth/init-data.ts';
import { forbidden } from '../../../../errors.ts';
import { demoUser } from '../../../../services/demo-users.ts';

const demoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/session',
    {
      config: { access: 'public' },
      schema: {
        summary:
          "Demo mode only: signed initData for the demo user of a role, for the holder of the demo key (the start log's link)",
        tags: ['demo'],
        body: DemoSessionBody,
        response: {
          200: DemoSession,
          400: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request) => {
      if (!sameSecret(request.body.key ?? '', app.demoKey)) {
        throw forbidden(
          'demo sessions need the demo key: open the link the server printed when it started (…/?demo=<key>)',
        );
      }
      const user = demoUser(request.body.role, request.body.lang);
      return { initDataRaw: signInitData(user, app.initDataToken), role: request.body.role, user };
    },
  );
};

const digest = (s: string) => createHash('sha256').update(s).digest();
const sameSecret = (given: string, key: string) => timingSafeEqual(digest(given), digest(key));

export default demoRoutes;
