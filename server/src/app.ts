// Builds the whole application from plugins and routes. No listening here (server.ts),
// so tests build the real app and drive it with inject().
import { randomUUID } from 'node:crypto';
import type { Database } from '@retention/db';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { Config } from './config.ts';
import { closeLogFile, openLogFile, withLogFile } from './lib/log-files.ts';
import { loggerOptions } from './lib/logger.ts';
import alertsPlugin, { type AlertsOptions } from './plugins/alerts.ts';
import analyticsPlugin from './plugins/analytics.ts';
import apiKeyAuthPlugin from './plugins/api-key-auth.ts';
import authPlugin from './plugins/auth.ts';
import botPlugin from './plugins/bot.ts';
import dbPlugin from './plugins/db.ts';
import deliveryPlugin, { type DeliveryOptions } from './plugins/delivery.ts';
import docsPlugin from './plugins/docs.ts';
import errorsPlugin from './plugins/errors.ts';
import metricsPlugin from './plugins/metrics.ts';
import miniappPlugin from './plugins/miniapp.ts';
import screenshotterPlugin from './plugins/screenshotter.ts';
import securityPlugin from './plugins/security.ts';
import sharePlugin from './plugins/share.ts';
import trainingPlugin from './plugins/training.ts';
import apiRoutes from './routes/api/v1/index.ts';
import healthRoute from './routes/health.ts';

export interface AppDeps {
  /** An open database (tests); otherwise one is opened from the config. */
  db?: Database;
  /**
   * Hold the embedded database and serve it to this machine's other commands (the server,
   * `npm start`); without it a process works through the one that does (`npm run bot`).
   */
  shareDatabase?: boolean;
  /** The alerts scheduler's clock, sender and timer (tests). */
  alerts?: AlertsOptions;
  /** The offer delivery's clock and Bot API (tests). */
  delivery?: DeliveryOptions;
  /** Where the logs go instead of stdout (tests that read them). */
  logStream?: DestinationStream;
  /** Sees every route as it is added (the security suites' route table). */
  onRoute?: (route: RouteOptions) => void;
}

export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const logger = loggerOptions(config);
  const logFile = config.logDir ? await openLogFile(config.logDir) : undefined;
  const app = Fastify({
    logger: withLogFile(
      deps.logStream && typeof logger === 'object' ? { ...logger, stream: deps.logStream } : logger,
      logFile,
    ),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    // Fastify accepts a hop count at run time; its types omit number.
    trustProxy: config.trustProxy as string | boolean,
    // The db plugin migrates and, on a first start, loads demo data: minutes on a big
    // size, far beyond avvio's default 10 s per plugin.
    pluginTimeout: 0,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  if (logFile) app.addHook('onClose', () => closeLogFile(logFile));

  await app.register(metricsPlugin);

  await app.register(errorsPlugin);
  await app.register(securityPlugin);
  await app.register(docsPlugin);
  await app.register(dbPlugin, { db: deps.db, share: deps.shareDatabase ?? false });
  await app.register(analyticsPlugin);
  await app.register(trainingPlugin);
  await app.register(authPlugin);
  await app.register(apiKeyAuthPlugin);
  await app.register(healthRoute);
  await app.register(deliveryPlugin, deps.delivery ?? {});
  await app.register(apiRoutes, { prefix: '/api/v1' });
  await app.register(screenshotterPlugin);
  await app.register(sharePlugin);
  await app.register(botPlugin);
  await app.register(alertsPlugin, deps.alerts ?? {});
  await app.register(miniappPlugin);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}
