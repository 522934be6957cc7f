// The process entry: read config, build the app, listen, close gracefully on signals.
import { DatabaseInUseError, loadEnvFile } from '@retention/db';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

const root = loadEnvFile();

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env, root);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const app = await buildApp(config, { shareDatabase: true }).catch((err) => {
  if (!(err instanceof DatabaseInUseError)) throw err;
  console.error(err.message);
  process.exit(1);
});
app.log.info(
  config.demo
    ? 'mode: DEMO (no BOT_TOKEN). initData is signed with a per-process secret; demo sessions for admin, manager and client are given to whoever opens the link below (it holds the demo key).'
    : `mode: TELEGRAM. initData must be signed by the configured bot; bot ${config.botMode}.`,
);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: finishing in-flight requests and closing`);
    const force = setTimeout(() => {
      app.log.error('shutdown took over 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    // close() ends the keep-alive connections idle at that moment; one whose request finishes
    // later would keep the process up until its keep-alive timeout (72 s): end those as well.
    setInterval(() => app.server.closeIdleConnections(), 100).unref();
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'error while closing');
        process.exit(1);
      },
    );
  });
}

try {
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const link = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/`;
  if (config.demo) {
    // Printed, not logged: the logger hides query values, and this link's value is the point.
    console.log(`open ${link}?demo=${app.demoKey} (the demo key signs you in; API docs at /docs)`);
  } else {
    app.log.info(`open ${link} (API docs at /docs)`);
  }
} catch (err) {
  app.log.error({ err }, 'could not start listening');
  process.exit(1);
}
