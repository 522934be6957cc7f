// Routes with config.access 'api-key' (ingestion) take an API key, never Telegram initData:
// `Authorization: Bearer <key>` or `X-API-Key: <key>`. The key is checked in preParsing:
// after the rate limiter (a route-level onRequest hook) has counted the call, and before a
// body of several MiB is read. The tma hook in auth.ts skips these routes.
import fp from 'fastify-plugin';
import { verifyApiKey } from '../auth/api-keys.ts';
import { unauthorized } from '../errors.ts';

export interface ApiKeyCaller {
  id: number;
  name: string;
}

const howTo = 'send Authorization: Bearer <key> or X-API-Key: <key>';

/** The key a request presents; throws 401 for initData or another scheme. */
function presentedKey(headers: Record<string, string | string[] | undefined>): string {
  const given = headers['x-api-key'];
  if (typeof given === 'string' && given.trim() !== '') return given.trim();
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization !== '') {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (bearer) return bearer[1]!;
    if (/^tma\b/i.test(authorization)) {
      throw unauthorized(`ingestion takes an API key, not Telegram initData: ${howTo}`);
    }
    throw unauthorized(`Authorization must be 'Bearer <API key>'; ${howTo}`);
  }
  throw unauthorized(`API key is missing: ${howTo}`);
}

export default fp(
  async (app) => {
    app.decorateRequest('apiKey', null);
    app.addHook('preParsing', async (request, reply) => {
      if (request.routeOptions.config?.access !== 'api-key') return;
      reply.header('www-authenticate', 'Bearer');
      const key = presentedKey(request.headers);
      const caller = await verifyApiKey(app.prisma, key);
      if (!caller) throw unauthorized('API key is invalid or revoked');
      reply.removeHeader('www-authenticate');
      request.apiKey = caller;
    });
  },
  { name: 'api-key-auth', dependencies: ['db', 'errors'] },
);

/** The key that authenticated this request; throws on a route this plugin does not cover. */
export function apiKeyOf(request: { apiKey: ApiKeyCaller | null }): ApiKeyCaller {
  if (!request.apiKey) throw new Error('apiKeyOf() on a route without API-key authentication');
  return request.apiKey;
}

declare module 'fastify' {
  interface FastifyRequest {
    apiKey: ApiKeyCaller | null;
  }
}
