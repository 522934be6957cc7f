import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';

/**
 * Routes no rate limit applies to: the health probes (an orchestrator calls them many times
 * a minute from one address, and a 429 would read as a dead instance) and Telegram's webhook
 * calls (authenticated by their secret, all from Telegram's few addresses).
 */
export const unlimitedRoutes = new Set([
  '/health',
  '/health/live',
  '/health/ready',
  '/telegram/webhook',
]);

export default fp(
  async (app) => {
    await app.register(helmet, {
      // Telegram opens Mini Apps in an iframe on web.telegram.org: framing must be allowed
      // there, and only there.
      frameguard: false,
      crossOriginEmbedderPolicy: false,
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          frameAncestors: ["'self'", 'https://web.telegram.org', 'https://*.telegram.org'],
        },
      },
    });
    await app.register(rateLimit, {
      max: app.config.rateLimitMax,
      timeWindow: '1 minute',
      // Matched by route, so a query string changes nothing.
      allowList: (req) => unlimitedRoutes.has(req.routeOptions.url ?? ''),
    });
  },
  { name: 'security', dependencies: ['errors'] },
);
