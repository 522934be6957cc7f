// Prisma 7 reads the datasource URL from here, not from the schema. The migrate
// commands of the CLI need a downloaded engine, so this project applies migrations
// from code (src/migrate.ts); the config still serves `prisma generate`/`validate`
// and `prisma migrate deploy` wherever the engine can be downloaded.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
