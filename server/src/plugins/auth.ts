// Every /api/v1 route declares who may call it (config.access); a route that does not
// is refused at start-up. Signed-in callers get request.identity with their role.
import { randomBytes, randomInt } from 'node:crypto';
import { type Role, staffRoles } from '@retention/contracts';
import fp from 'fastify-plugin';
import { type Identity, resolveIdentity } from '../auth/identity.ts';
import { verifyInitData } from '../auth/init-data.ts';
import { Refusal } from '../errors.ts';

/**
 * 'public': no initData; 'any': any valid initData (unknown users too); 'api-key': an
 * ingestion API key, never initData (plugins/api-key-auth.ts); else the roles allowed.
 */
export type Access = 'public' | 'any' | 'api-key' | readonly Role[];

export const staffOnly: Access = staffRoles;

/** Demo mode signs initData with a secret that lives only as long as the process. */
function demoSecret(): string {
  return `${randomInt(1e9, 9e9)}:${randomBytes(27).toString('base64url')}`;
}

export default fp(
  async (app) => {
    const token = app.config.botToken ?? demoSecret();
    app.decorate('initDataToken', token);
    // What proves a demo session's caller read this server's start log (demo mode only).
    app.decorate('demoKey', app.config.demoKey ?? randomBytes(18).toString('base64url'));
    app.decorateRequest('identity', null);

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/')) return;
      const access = route.config?.access;
      if (!access) throw new Error(`route ${route.method} ${route.url} declares no access`);
      if (access === 'api-key') route.schema = { ...route.schema, security: [{ apiKey: [] }] };
      else if (access !== 'public') route.schema = { ...route.schema, security: [{ tma: [] }] };
    });

    // preValidation, not onRequest: the rate limiter (a route-level onRequest hook) must
    // count unauthenticated calls too, and it runs after app-level onRequest hooks.
    app.addHook('preValidation', async (request) => {
      const access = request.routeOptions.config?.access;
      if (!access || access === 'public' || access === 'api-key') return;
      const verified = verifyInitData(
        request.headers.authorization,
        token,
        app.config.initDataMaxAge,
      );
      const identity = await resolveIdentity(app.prisma, verified.user);
      request.identity = identity;
      if (access !== 'any' && !access.includes(identity.role)) {
        throw new Refusal('forbidden', 'needsRole', {
          roles: access.join(' / '),
          role: identity.role,
        });
      }
    });
  },
  { name: 'auth', dependencies: ['db', 'errors'] },
);

/** The caller's identity on a route that is not public (set by the auth hook). */
export function identityOf(request: { identity: Identity | null }): Identity {
  if (!request.identity) throw new Error('identityOf() on a public route');
  return request.identity;
}

declare module 'fastify' {
  interface FastifyInstance {
    initDataToken: string;
    demoKey: string;
  }
  interface FastifyRequest {
    identity: Identity | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}
