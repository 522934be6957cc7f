import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';

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
      // Telegram's own webhook calls are authenticated by their secret, not limited per IP.
      allowList: (req) => req.url === '/health' || req.url.startsWith('/telegram/webhook'),
    });
  },
  { name: 'security', dependencies: ['errors'] },
);
