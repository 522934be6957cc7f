import {
  authErrors,
  ErrorBody,
  ShareBody,
  SharedImageParams,
  SharedMessage,
} from '@retention/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../../errors.ts';
import { identityOf, staffOnly } from '../../../../plugins/auth.ts';
import { shareBlock, sharedImage } from '../../../../services/share-block.ts';

const shareRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'Prepare a dashboard block as a message for a chat: its picture with title, range and filters (Telegram’s savePreparedInlineMessage); the Mini App opens the share dialog with the id',
        tags: ['analytics'],
        body: ShareBody,
        response: { 200: SharedMessage, ...authErrors, 404: ErrorBody, 503: ErrorBody },
      },
    },
    async (request) => {
      const { block, ...query } = request.body;
      const deps = {
        db: app.db,
        analytics: app.analytics,
        screenshotter: app.screenshotter,
        preparer: app.sharePreparer,
        publicUrl: app.config.publicUrl,
      };
      return shareBlock(deps, identityOf(request), block, query);
    },
  );

  app.get(
    '/images/:file',
    {
      config: { access: 'public' },
      schema: {
        summary:
          'A shared block’s picture (JPEG), for Telegram to fetch; its name is unguessable and it expires',
        tags: ['analytics'],
        params: SharedImageParams,
        response: { 200: z.any().describe('image/jpeg'), 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const token = request.params.file.slice(0, -'.jpg'.length);
      const bytes = await sharedImage(app.db, token);
      if (!bytes) throw notFound('shared picture', token);
      return reply.type('image/jpeg').header('cache-control', 'public, max-age=3600').send(bytes);
    },
  );
};

export default shareRoutes;
