// /health/live: the process answers (no database call). /health/ready and /health: the
// database answers within 2 s and every migration of this build is applied; 503 with the
// reason otherwise. /health also says which database, mode and bot.
import { Health, HealthLive, HealthReady } from '@retention/contracts';
import { loadMigrations } from '@retention/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkReadiness } from '../lib/readiness.ts';

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
        response: { 200: HealthLive },
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
        response: { 200: HealthReady, 503: HealthReady },
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
