import {
  authErrors,
  Campaign,
  CampaignBody,
  CampaignList,
  CampaignParams,
  CampaignPreview,
  CampaignPreviewBody,
  ErrorBody,
  UnreachablePage,
  UnreachableQuery,
} from '@retention/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../../auth/identity.ts';
import { launchCampaign } from '../../../../campaigns/launch.ts';
import { changeCampaignDelivery } from '../../../../campaigns/pause.ts';
import {
  getCampaign,
  listCampaigns,
  unreachableMembers,
} from '../../../../campaigns/read-campaigns.ts';
import { stopCampaign } from '../../../../campaigns/stop.ts';
import { previewOf, targetPopulation } from '../../../../campaigns/target.ts';
import { toCsv } from '../../../../lib/csv-export.ts';
import { identityOf, staffOnly } from '../../../../plugins/auth.ts';

const adminOnly = ['admin'] as const;

const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const timeZone = app.config.analytics.timeZone;

  app.post(
    '/preview',
    {
      config: { access: adminOnly },
      schema: {
        summary: 'What launching a campaign on this target would do: sizes, reach, value at risk',
        tags: ['campaigns'],
        body: CampaignPreviewBody,
        response: { 200: CampaignPreview, ...authErrors, 409: ErrorBody },
      },
    },
    async (request) => {
      const { target, controlShare } = request.body;
      const population = await targetPopulation(app.db, identityOf(request), target, timeZone);
      return previewOf(population.members, controlShare);
    },
  );

  app.post(
    '/',
    {
      config: { access: adminOnly },
      schema: {
        summary:
          'Create and launch a campaign: its offer, a seeded split into treatment and a frozen control group, personal codes queued for the bot (admin; audited)',
        tags: ['campaigns'],
        body: CampaignBody,
        response: { 201: Campaign, ...authErrors, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const identity = identityOf(request);
      const launched = await launchCampaign(
        app.db,
        identity,
        actorOf(identity),
        request.body,
        timeZone,
      );
      app.delivery?.wake();
      return reply.code(201).send(await getCampaign(app.db, identity, launched.campaignId));
    },
  );

  app.get(
    '/',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'Campaigns, newest first, with members, delivery states, opens and redemptions (a region-scoped manager counts their region only)',
        tags: ['campaigns'],
        response: { 200: CampaignList, ...authErrors },
      },
    },
    async (request) => ({ items: await listCampaigns(app.db, identityOf(request)) }),
  );

  app.post(
    '/:id/stop',
    {
      config: { access: adminOnly },
      schema: {
        summary:
          'Stop a running campaign now: no more offers are sent (those queued go to the other-channels list), sent codes stay valid, the result is measured to now (admin; audited)',
        tags: ['campaigns'],
        params: CampaignParams,
        response: { 200: Campaign, ...authErrors, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const identity = identityOf(request);
      await stopCampaign(app.db, actorOf(identity), request.params.id);
      // The delivery loop marks the queued offers as ended at its next round.
      app.delivery?.wake();
      return getCampaign(app.db, identity, request.params.id);
    },
  );

  for (const move of ['pause', 'resume'] as const) {
    app.post(
      `/:id/${move}`,
      {
        config: { access: adminOnly },
        schema: {
          summary:
            move === 'pause'
              ? 'Pause a running campaign: no more offers are sent until it is resumed; sent codes stay valid and the results go on (admin; audited)'
              : 'Resume a paused campaign: its queued offers are sent again (admin; audited)',
          tags: ['campaigns'],
          params: CampaignParams,
          response: { 200: Campaign, ...authErrors, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (request) => {
        const identity = identityOf(request);
        await changeCampaignDelivery(app.db, actorOf(identity), request.params.id, move);
        if (move === 'resume') app.delivery?.wake();
        return getCampaign(app.db, identity, request.params.id);
      },
    );
  }

  app.get(
    '/:id',
    {
      config: { access: staffOnly },
      schema: {
        summary: 'One campaign',
        tags: ['campaigns'],
        params: CampaignParams,
        response: { 200: Campaign, ...authErrors, 404: ErrorBody },
      },
    },
    async (request) => getCampaign(app.db, identityOf(request), request.params.id),
  );

  app.get(
    '/:id/unreachable',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'Treated customers the bot cannot reach (no Telegram, blocked, failed), for other channels, with their personal codes; format=csv gives the whole list for a spreadsheet',
        tags: ['campaigns'],
        params: CampaignParams,
        querystring: UnreachableQuery,
        response: {
          200: z.union([UnreachablePage, z.string()]),
          ...authErrors,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { format, ...page } = request.query;
      // The CSV is the whole list, for a mailing; JSON is paged for the screen.
      const result = await unreachableMembers(
        app.prisma,
        identityOf(request),
        request.params.id,
        format === 'csv' ? { page: 1, pageSize: 1_000_000 } : page,
      );
      if (format === 'json') return result;
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="campaign-${request.params.id}-other-channels.csv"`,
        )
        .send(
          toCsv(
            ['customer_id', 'name', 'email', 'phone', 'code', 'reason', 'error'],
            result.items.map((r) => [
              r.customerId,
              r.name,
              r.email,
              r.phone,
              r.code,
              r.reason,
              r.error,
            ]),
          ),
        );
    },
  );
};

export default campaignRoutes;
