// The model runs that reports, customer cards and campaign targeting read: the newest
// succeeded run of each kind. Training (ml/model-run.ts) writes them.
import type { PrismaClient } from '@retention/db';

export type ModelKind = 'segments' | 'churn' | 'clv' | 'recs' | 'elasticity';

/** The newest succeeded run of a kind: the one requests read. */
export function latestRun(prisma: PrismaClient, kind: ModelKind) {
  return prisma.modelRun.findFirst({
    where: { kind, status: 'succeeded' },
    orderBy: [{ finishedAt: 'desc' }, { id: 'desc' }],
  });
}
