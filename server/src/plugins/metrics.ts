// GET /metrics in Prometheus' text format: this instance's registry (lib/metrics.ts), with
// queue depths read from the database at scrape time. Without METRICS_TOKEN only local
// callers get it (lib/local-request.ts); with it, `Authorization: Bearer <METRICS_TOKEN>` is required.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { withDeadline } from '../lib/deadline.ts';
import { isLocalRequest } from '../lib/local-request.ts';
import { AppMetrics } from '../lib/metrics.ts';
import { sendError } from './errors.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Loopback without a token, else the bearer token compared in constant time. */
export function metricsAllowed(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return isLocalRequest(request.socket.remoteAddress, request.headers);
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
          summary: 'Prometheus metrics (loopback only, or Bearer METRICS_TOKEN)',
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
              : 'metrics are served to loopback callers only unless METRICS_TOKEN is set',
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
