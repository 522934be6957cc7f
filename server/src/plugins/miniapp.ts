// Serves the built Mini App at / (client-side routes fall back to index.html) and answers
// unknown API paths with JSON 404s.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { sendError } from './errors.ts';

export const miniappDist = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../miniapp/dist',
);

const notBuilt = `<!doctype html><meta charset="utf-8"><title>Mini App not built</title>
<p>The Mini App has not been built yet. Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p>`;

export default fp(
  async (app) => {
    const built = existsSync(path.join(miniappDist, 'index.html'));
    if (built) {
      await app.register(fastifyStatic, { root: miniappDist, index: 'index.html' });
    } else {
      app.log.warn(`Mini App not built (${miniappDist} is missing); / explains how to build it`);
    }
    app.setNotFoundHandler((request, reply) => {
      const url = request.url.split('?')[0] ?? '/';
      const isPage =
        request.method === 'GET' &&
        !/^\/(api|docs|redoc|health|telegram)(\/|$)/.test(url) &&
        !path.extname(url);
      if (!isPage)
        return sendError(reply, 404, 'not_found', `Route ${request.method} ${url} not found`);
      if (!built) return reply.status(503).type('text/html; charset=utf-8').send(notBuilt);
      return reply.sendFile('index.html');
    });
  },
  { name: 'miniapp' },
);
