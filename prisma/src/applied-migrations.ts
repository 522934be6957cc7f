import type { PrismaClient } from '../generated/client/client.ts';

/** Names of the migrations recorded as finished in Prisma's own history table. */
export async function appliedMigrations(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
    ORDER BY migration_name`;
  return rows.map((r) => r.migration_name);
}
