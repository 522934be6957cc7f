import { authErrors, ErrorBody, isoInstant, Job, JobParams } from '@retention/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { regionScopeOf } from '../../../../auth/scope.ts';
import { notFound } from '../../../../errors.ts';
import { identityOf, staffOnly } from '../../../../plugins/auth.ts';

// Metrics and progress are business-wide: a region-scoped manager gets the state only
// (contracts/src/api/jobs.ts says why).
const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:id',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'A training job: its state, progress and, when done, its business-wide metrics (staff; a region-scoped manager gets the state only)',
        tags: ['models'],
        params: JobParams,
        response: { 200: Job, ...authErrors, 404: ErrorBody },
      },
    },
    async (request) => {
      const run = await app.prisma.modelRun.findUnique({ where: { id: request.params.id } });
      if (!run) throw notFound('job', request.params.id);
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
