// Is the database there and fully migrated? One short query with a deadline: a Postgres
// that does not answer (a dead host drops packets) must not hang the health check.
import { appliedMigrations, type PrismaClient } from '@retention/db';
import { withDeadline } from './deadline.ts';

export type Readiness =
  | { ready: true; applied: string[] }
  | { ready: false; applied: string[]; reason: string };

export async function checkReadiness(
  prisma: PrismaClient,
  expected: string[],
  timeoutMs = 2000,
): Promise<Readiness> {
  let applied: string[];
  try {
    applied = await withDeadline(appliedMigrations(prisma), timeoutMs);
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    return { ready: false, applied: [], reason: `database unreachable: ${message}` };
  }
  const done = new Set(applied);
  const pending = expected.filter((name) => !done.has(name));
  if (pending.length > 0) {
    return {
      ready: false,
      applied,
      reason: `migrations pending: ${pending.join(', ')}`,
    };
  }
  return { ready: true, applied };
}
