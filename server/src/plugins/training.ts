// Model training jobs of this server and the retrain schedule (RETRAIN_HOURS).
import fp from 'fastify-plugin';
import { TrainingJobs } from '../ml/jobs.ts';

export default fp(
  async (app) => {
    const jobs = new TrainingJobs(app.db, app.config.analytics, app.log, app.metrics);
    app.decorate('training', jobs);
    app.addHook('onReady', async () => jobs.schedule(app.config.retrainHours));
    app.addHook('onClose', async () => jobs.stop());
  },
  { name: 'training', dependencies: ['db', 'analytics'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    training: TrainingJobs;
  }
}
