// Opens the database (Postgres or embedded PGlite), applies migrations, loads demo data
// into an empty embedded database, and makes sure the configured people can sign in.
import path from 'node:path';
import { type Database, openDatabase, type PrismaClient } from '@retention/db';
import fp from 'fastify-plugin';
import { ensureConfiguredStaff } from '../auth/ensure-staff.ts';
import { ensureDemoUsers, removeDemoUsers } from '../services/demo-users.ts';

export default fp<{ db?: Database | undefined; share: boolean }>(
  async (app, opts) => {
    const { config } = app;
    const owned = !opts.db;
    const db =
      opts.db ??
      (await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: path.join(config.dataDir, 'pglite'),
        share: opts.share,
      }));
    app.addHook('onClose', async () => {
      if (owned) await db.close();
    });
    const where =
      db.kind === 'postgres'
        ? 'Postgres (DATABASE_URL)'
        : `embedded PGlite in ${config.dataDir}${db.through ? ` through \`${db.through.command}\` (pid ${db.through.pid})` : ", served to this machine's commands"}`;
    app.log.info(`database: ${where}`);

    const applied = await db.migrate();
    if (applied.length > 0)
      app.log.info(`applied ${applied.length} migration(s): ${applied.join(', ')}`);

    const wantDemo =
      config.demoData === 'on' || (config.demoData === 'auto' && db.kind === 'pglite');
    if (wantDemo && !(await db.prisma.customer.findFirst({ select: { id: true } }))) {
      app.log.info(`empty database: loading demo data (${config.demoCustomers} customers)...`);
      const { seedDemo } = await import('@retention/db/seed');
      const summary = await seedDemo(db.prisma, {
        customers: config.demoCustomers,
        onProgress: (message: string) => app.log.info(`demo data: ${message}`),
      });
      app.log.info(`demo data loaded in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
    }

    await ensureConfiguredStaff(db.prisma, config.adminTelegramIds, config.managerTelegramIds);
    if (config.demo) await ensureDemoUsers(db.prisma);
    else await removeDemoUsers(db.prisma);

    app.decorate('db', db);
    app.decorate('prisma', db.prisma);
  },
  { name: 'db' },
);

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    prisma: PrismaClient;
  }
}
