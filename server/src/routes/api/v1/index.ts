import type { FastifyPluginAsync } from 'fastify';
import analyticsRoutes from './analytics/index.ts';
import audienceRoutes from './audiences/index.ts';
import campaignRoutes from './campaigns/index.ts';
import demoRoutes from './demo/index.ts';
import ingestRoutes from './ingest/index.ts';
import jobRoutes from './jobs/index.ts';
import meRoute from './me.ts';
import offerRoutes from './offers/index.ts';
import productRoutes from './products/index.ts';
import recommendationRoutes from './recommendations/index.ts';
import shareRoutes from './share/index.ts';
import supportRoute from './support.ts';
import userRoutes from './users/index.ts';

const api: FastifyPluginAsync = async (app) => {
  await app.register(meRoute);
  await app.register(supportRoute);
  await app.register(offerRoutes, { prefix: '/offers' });
  await app.register(userRoutes, { prefix: '/users' });
  await app.register(productRoutes, { prefix: '/products' });
  await app.register(ingestRoutes, { prefix: '/ingest' });
  await app.register(analyticsRoutes, { prefix: '/analytics' });
  await app.register(audienceRoutes, { prefix: '/audiences' });
  await app.register(jobRoutes, { prefix: '/jobs' });
  await app.register(campaignRoutes, { prefix: '/campaigns' });
  await app.register(recommendationRoutes, { prefix: '/recommendations' });
  await app.register(shareRoutes, { prefix: '/share' });
  if (app.config.demo) await app.register(demoRoutes, { prefix: '/demo' });
};

export default api;
