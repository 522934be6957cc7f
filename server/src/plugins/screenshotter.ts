// The screenshotter shared by the bot (📷 buttons) and the digests: Chromium at this server's
// own address, signed in with initData for the staff member. Null without a bot token (no
// initData can be signed); the browser starts on the first capture only.
import fp from 'fastify-plugin';
import { createScreenshotter, type Screenshotter } from '../screenshots/screenshotter.ts';

export default fp(
  async (app) => {
    const { config } = app;
    if (!config.botToken) {
      app.decorate('screenshotter', null);
      return;
    }
    // Chromium reaches the server where it listens (on 127.0.0.1 when bound to every address).
    const screenshotter = createScreenshotter({
      baseUrl: () => {
        const address = app.server.address();
        // The bot on its own (npm run bot) serves no pages: the Mini App is at PUBLIC_URL.
        if (!address || typeof address === 'string') {
          if (config.publicUrl) return config.publicUrl;
          throw new Error('this process serves no Mini App and PUBLIC_URL is not set');
        }
        const host = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address;
        return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
      },
      botToken: config.botToken,
      chromiumPath: config.chromiumPath,
    });
    app.decorate('screenshotter', screenshotter);
    app.addHook('onClose', () => screenshotter.close());
  },
  { name: 'screenshotter' },
);

declare module 'fastify' {
  interface FastifyInstance {
    screenshotter: Screenshotter | null;
  }
}
