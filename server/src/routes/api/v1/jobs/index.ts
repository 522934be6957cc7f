import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../../errors.ts';
import { authErrors, ErrorBody, isoInstant } from '../../../../lib/schemas.ts';
import { staffOnly } from '../../../../plugins/auth.ts';

const Job = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  asOf: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  metrics: z.record(z.string(), z.unknown()),
  progress: z.array(z.string()).describe('messages so far, when the job runs in this server'),
});

const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:id',
    {
      config: { access: staffOnly },
      schema: {
        summary: 'A training job: its state, progress and, when done, its metrics (staff)',
        tags: ['models'],
        params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
        response: { 200: Job, ...authErrors, 404: ErrorBody },
      },
    },
    async (request) => {
      const run = await app.prisma.modelRun.findUnique({ where: { id: request.params.id } });
      if (!run) throw notFound(`job ${request.params.id}`);
      return {
        id: run.id,
        kind: run.kind,
        status: run.status,
        asOf: isoInstant(run.asOf).slice(0, 10),
        startedAt: isoInstant(run.startedAt),
        finishedAt: run.finishedAt && isoInstant(run.finishedAt),
        error: run.error,
        metrics: (run.metrics ?? {}) as Record<string, unknown>,
        progress: app.training.messagesOf(run.id),
      };
    },
  );
};

export default jobRoutes;
