import {
  Audience,
  AudienceBody,
  AudienceList,
  AudienceParams,
  authErrors,
  ErrorBody,
} from '@retention/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { identityOf, staffOnly } from '../../../../plugins/auth.ts';
import {
  createAudience,
  deleteAudience,
  getAudience,
  listAudiences,
} from '../../../../services/audiences.ts';

const audienceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { refresher, settings } = app.analytics;

  app.get(
    '/',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'Saved audiences, newest first (a region-scoped manager: those saved in their region)',
        tags: ['audiences'],
        response: { 200: AudienceList, ...authErrors },
      },
    },
    async (request) => ({ items: await listAudiences(app.db, identityOf(request)) }),
  );

  app.post(
    '/',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'Save a list of customers as a named audience, live (re-evaluated as the data changes) or a snapshot (audited)',
        tags: ['audiences'],
        body: AudienceBody,
        response: { 201: Audience, ...authErrors, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      await refresher.ready();
      const { today } = refresher.businessDay();
      const audience = await createAudience(
        app.db,
        identityOf(request),
        request.body,
        today,
        settings.timeZone,
      );
      return reply.code(201).send(audience);
    },
  );

  app.get(
    '/:id',
    {
      config: { access: staffOnly },
      schema: {
        summary: 'One audience',
        tags: ['audiences'],
        params: AudienceParams,
        response: { 200: Audience, ...authErrors, 404: ErrorBody },
      },
    },
    async (request) => getAudience(app.db, identityOf(request), request.params.id),
  );

  app.delete(
    '/:id',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'Delete an audience (its creator or an admin; audited); campaigns aimed at it keep their members',
        tags: ['audiences'],
        params: AudienceParams,
        response: { 204: z.null(), ...authErrors, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      await deleteAudience(app.db, identityOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default audienceRoutes;
