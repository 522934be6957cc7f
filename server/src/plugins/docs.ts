// OpenAPI generated from the route schemas, each response named and each body given an
// example (docs-examples.ts): Swagger UI at /docs, the document at /docs/json, and ReDoc at
// /redoc (served from the installed package, no CDN).
import { createRequire } from 'node:module';
import path from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { withExamples } from './docs-examples.ts';

const require = createRequire(import.meta.url);
const redocBundle = path.join(
  path.dirname(require.resolve('redoc/package.json')),
  'bundles',
  'redoc.standalone.js',
);

const redocPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Retention Desk API — ReDoc</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="/docs/json"></redoc><script src="/redoc/redoc.standalone.js"></script></body></html>`;

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'Retention Desk API',
          description:
            'Customer-retention analytics for Telegram. The app routes take `Authorization: tma <initDataRaw>` (Telegram Mini App initData signed for this bot); the ingestion routes take an API key (`Authorization: Bearer <key>` or `X-API-Key`, created with `npm run apikey -- create --name N`).',
          version: process.env.npm_package_version ?? '0.1.0',
        },
        components: {
          securitySchemes: {
            tma: {
              type: 'apiKey',
              in: 'header',
              name: 'Authorization',
              description: "'tma ' followed by the Mini App's raw initData",
            },
            apiKey: {
              type: 'http',
              scheme: 'bearer',
              description: 'an ingestion API key (also accepted as X-API-Key)',
            },
          },
        },
      },
      transform: (route) => {
        const { schema, url } = jsonSchemaTransform(route);
        return { schema: withExamples(schema as Record<string, unknown>), url };
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });

    app.get('/redoc', { schema: { hide: true } }, async (_req, reply) => {
      return reply
        .type('text/html; charset=utf-8')
        .header(
          'content-security-policy',
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:",
        )
        .send(redocPage);
    });
    app.get('/redoc/redoc.standalone.js', { schema: { hide: true } }, async (_req, reply) => {
      const { createReadStream } = await import('node:fs');
      return reply
        .type('application/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(createReadStream(redocBundle));
    });
  },
  { name: 'docs' },
);
