// Is the database there and fully migrated? One short query with a deadline: a Postgres
// that does not answer (a dead host drops packets) must not hang the health check.
import { appliedMigrations, type PrismaClient } from '@retention/db';

export type Readiness =
  | { ready: true; applied: string[] }
  | { ready: false; applied: string[]; reason: string };

export async function checkReadiness(
  prisma: PrismaClient,
  expected: string[],
  timeoutMs = 2000,
): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  let applied: string[];
  try {
    applied = await Promise.race([appliedMigrations(prisma), deadline]);
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    return { ready: false, applied: [], reason: `database unreachable: ${message}` };
  } finally {
    clearTimeout(timer);
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
