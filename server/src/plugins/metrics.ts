// GET /metrics in Prometheus' text format: this instance's registry (lib/metrics.ts), with
// queue depths read from the database at scrape time, for `Authorization: Bearer
// <METRICS_TOKEN>` only. Without METRICS_TOKEN it is closed: "the caller is on this machine"
// cannot be told from a reverse proxy on this machine (a plain proxy_pass forwards anyone).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { withDeadline } from '../lib/deadline.ts';
import { AppMetrics } from '../lib/metrics.ts';
import { sendError } from './errors.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The bearer token compared in constant time; nobody without METRICS_TOKEN set. */
export function metricsAllowed(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return false;
  const header = request.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  return timingSafeEqual(digest(given), digest(token));
}

export default fp(
  async (app) => {
    const metrics = new AppMetrics();
    app.decorate('metrics', metrics);

    app.addHook('onResponse', async (request, reply) => {
      metrics.httpRequests.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });

    app.get(
      '/metrics',
      {
        schema: {
          summary: 'Prometheus metrics (Bearer METRICS_TOKEN)',
          tags: ['system'],
          hide: true,
        },
      },
      async (request, reply) => {
        if (!metricsAllowed(request, app.config.metricsToken)) {
          return sendError(
            reply,
            401,
            'unauthorized',
            app.config.metricsToken
              ? 'send Authorization: Bearer <METRICS_TOKEN>'
              : 'metrics are closed: set METRICS_TOKEN on the server and send Authorization: Bearer <METRICS_TOKEN>',
          );
        }
        // A database that does not answer must not fail the scrape: the process metrics
        // still tell what is going on; the queue gauges keep their last values.
        await withDeadline(metrics.readQueues(app.db), 2000).catch((err: Error) =>
          request.log.warn(`metrics: queue depths: ${err.message}`),
        );
        return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
      },
    );
  },
  // Registered first, so its hook times every route; app.db is read at scrape time.
  { name: 'metrics' },
);

declare module 'fastify' {
  interface FastifyInstance {
    metrics: AppMetrics;
  }
}
