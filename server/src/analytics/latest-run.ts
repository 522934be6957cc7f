// The model runs that reports, customer cards and campaign targeting read: the newest
// succeeded run of each kind; and where each kind's training stands, for the screens.
// Training (ml/model-run.ts) writes them.
import { type ModelKind, modelKinds, type Reason, reasonOf } from '@retention/contracts';
import type { PrismaClient } from '@retention/db';

/** The newest succeeded run of a kind: the one requests read. */
export function latestRun(prisma: PrismaClient, kind: ModelKind) {
  return prisma.modelRun.findFirst({
    where: { kind, status: 'succeeded' },
    orderBy: [{ finishedAt: 'desc' }, { id: 'desc' }],
  });
}

/** Where a kind's training stands: its newest run of any outcome. */
export interface TrainingState {
  status: 'never' | 'training' | 'failed' | 'trained';
  /** Why the newest run failed (then a model may still be served from an older run). */
  error: string | null;
  /** The same reason as a key and values, to show in the viewer's language (null: unknown). */
  reason: Reason | null;
  /** When the newest run started. */
  at: string | null;
}

export async function trainingStates(
  prisma: PrismaClient,
): Promise<Record<ModelKind, TrainingState>> {
  const runs = await prisma.modelRun.findMany({
    distinct: ['kind'],
    orderBy: [{ kind: 'asc' }, { startedAt: 'desc' }, { id: 'desc' }],
    select: { kind: true, status: true, error: true, errorReason: true, startedAt: true },
  });
  const byKind = new Map(runs.map((r) => [r.kind, r]));
  const stateOf = (kind: ModelKind): TrainingState => {
    const run = byKind.get(kind);
    if (!run) return { status: 'never', error: null, reason: null, at: null };
    const status =
      run.status === 'running' ? 'training' : run.status === 'failed' ? 'failed' : 'trained';
    const reason = reasonOf({ reason: run.errorReason });
    return { status, error: run.error, reason, at: run.startedAt.toISOString() };
  };
  return Object.fromEntries(modelKinds.map((k) => [k, stateOf(k)])) as Record<
    ModelKind,
    TrainingState
  >;
}
