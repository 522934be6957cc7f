// /health/live: the process answers (no database call). /health/ready and /health: the
// database answers within 2 s and every migration of this build is applied; 503 with the
// reason otherwise. /health also says which database, mode and bot.
import { loadMigrations } from '@retention/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkReadiness } from '../lib/readiness.ts';

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

const Live = z.object({ status: z.literal('ok'), uptimeSeconds: z.number() });
const Ready = z.object({
  status: z.enum(['ready', 'unready']),
  migrations: z.object({ applied: z.number().int(), expected: z.number().int() }),
  reason: z.string().optional(),
});

const version = process.env.npm_package_version ?? '0.1.0';

const healthRoute: FastifyPluginAsyncZod = async (app) => {
  const expected = (await loadMigrations()).migrationDirectories.map((d) => d.path);
  const ready = () => checkReadiness(app.prisma, expected);

  app.get(
    '/health/live',
    {
      schema: {
        summary: 'Liveness: the process answers (no database call)',
        tags: ['system'],
        response: { 200: Live },
      },
    },
    async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        summary: 'Readiness: the database answers and every migration is applied',
        tags: ['system'],
        response: { 200: Ready, 503: Ready },
      },
    },
    async (_req, reply) => {
      const r = await ready();
      const migrations = { applied: r.applied.length, expected: expected.length };
      if (r.ready) return { status: 'ready' as const, migrations };
      return reply.status(503).send({ status: 'unready' as const, migrations, reason: r.reason });
    },
  );

  app.get(
    '/health',
    {
      schema: {
        summary: 'Readiness with details: database kind, migrations applied, mode',
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
      const r = await ready();
      const migrations = { applied: r.applied.length, latest: r.applied.at(-1) ?? null };
      if (r.ready) return { ...base, status: 'ok' as const, migrations };
      return reply
        .status(503)
        .send({ ...base, status: 'unhealthy' as const, migrations, error: r.reason });
    },
  );
};

export default healthRoute;
