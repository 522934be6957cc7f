import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const Health = z.object({
  status: z.enum(['ok', 'unhealthy']),
  database: z.enum(['postgres', 'pglite']),
  migrations: z.object({ applied: z.number().int(), latest: z.string().nullable() }),
  mode: z.enum(['demo', 'telegram']),
  bot: z.enum(['polling', 'webhook', 'off']),
  version: z.string(),
  uptimeSeconds: z.number(),
  error: z.string().optional(),
});

const version = process.env.npm_package_version ?? '0.1.0';

const healthRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness and readiness: database kind, migrations applied, mode',
        tags: ['system'],
        response: { 200: Health, 503: Health },
      },
    },
    async (_req, reply) => {
      const base = {
        database: app.db.kind,
        mode: app.config.demo ? ('demo' as const) : ('telegram' as const),
        bot: app.config.botMode,
        version,
        uptimeSeconds: Math.round(process.uptime()),
      };
      try {
        const applied = await app.migrationsApplied();
        return {
          ...base,
          status: 'ok' as const,
          migrations: { applied: applied.length, latest: applied.at(-1) ?? null },
        };
      } catch (err) {
        return reply.status(503).send({
          ...base,
          status: 'unhealthy' as const,
          migrations: { applied: 0, latest: null },
          error: `database unreachable: ${(err as Error).message.split('\n')[0]}`,
        });
      }
    },
  );
};

export default healthRoute;
