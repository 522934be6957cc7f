// The bot's side of sharing a block (services/share-block.ts): null without a bot token, like
// the screenshotter it needs.
import { createSharePreparer, type SharePreparer } from '@retention/bot';
import fp from 'fastify-plugin';

export default fp(
  async (app) => {
    const { config } = app;
    const preparer = !config.botToken
      ? null
      : createSharePreparer(config.botToken, {
          apiRoot: config.telegramApiRoot,
          timeoutSeconds: config.telegramTimeoutSeconds,
        });
    app.decorate('sharePreparer', preparer);
  },
  { name: 'share' },
);

declare module 'fastify' {
  interface FastifyInstance {
    sharePreparer: SharePreparer | null;
  }
}
