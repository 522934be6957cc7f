import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { regionScopeOf } from '../../../../auth/scope.ts';
import { notFound } from '../../../../errors.ts';
import { authErrors, ErrorBody, isoInstant } from '../../../../lib/schemas.ts';
import { identityOf, staffOnly } from '../../../../plugins/auth.ts';

// A job trains a model on every customer of the business: its metrics and progress messages
// are business-wide, and hold counts of customers (scored, per segment, outliers) that a
// region-scoped manager does not see anywhere else. Such a manager gets the job's state, to
// follow a run they started; the model figures they need are in the analytics reports, within
// their region or labelled business-wide there.
const Job = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  asOf: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  scope: z
    .literal('business')
    .describe('metrics and progress cover every customer of the business, whoever asks'),
  metrics: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('null for a region-scoped manager: business-wide counts of customers'),
  progress: z
    .array(z.string())
    .describe(
      'messages so far, when the job runs in this server (none for a region-scoped manager)',
    ),
});

const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:id',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'A training job: its state, progress and, when done, its business-wide metrics (staff; a region-scoped manager gets the state only)',
        tags: ['models'],
        params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
        response: { 200: Job, ...authErrors, 404: ErrorBody },
      },
    },
    async (request) => {
      const run = await app.prisma.modelRun.findUnique({ where: { id: request.params.id } });
      if (!run) throw notFound(`job ${request.params.id}`);
      const businessWide = regionScopeOf(identityOf(request)) === null;
      return {
        id: run.id,
        kind: run.kind,
        status: run.status,
        asOf: isoInstant(run.asOf).slice(0, 10),
        startedAt: isoInstant(run.startedAt),
        finishedAt: run.finishedAt && isoInstant(run.finishedAt),
        error: run.error,
        scope: 'business' as const,
        metrics: businessWide ? ((run.metrics ?? {}) as Record<string, unknown>) : null,
        progress: businessWide ? app.training.messagesOf(run.id) : [],
      };
    },
  );
};

export default jobRoutes;
