// npm run bot: the bot on its own — long polling, no HTTP server — beside API servers on the
// same PostgreSQL (DATABASE_URL), so the bot can run as its own process. It trains no models
// (the API server does); analytics refreshes take a Postgres lock, so several processes share
// them safely. Dashboard screenshots open the Mini App at PUBLIC_URL.
import { loadEnvFile } from '@retention/db';
import { buildApp } from '../app.ts';
import { ConfigError, loadConfig } from '../config.ts';

const root = loadEnvFile();
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig({ ...process.env, BOT_MODE: process.env.BOT_MODE || 'polling' }, root);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
if (!config.botToken) {
  console.error('npm run bot needs BOT_TOKEN (the token from @BotFather).');
  process.exit(2);
}
if (config.botMode !== 'polling') {
  console.error(
    `npm run bot runs the bot with long polling; BOT_MODE=${config.botMode} needs the HTTP server (npm start).`,
  );
  process.exit(2);
}

const app = await buildApp({ ...config, retrainHours: 0 });
await app.ready();
app.log.info(
  `bot only: long polling${config.databaseUrl ? '' : ' on the embedded database (the API server cannot open it at the same time)'}; Ctrl+C stops it`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
