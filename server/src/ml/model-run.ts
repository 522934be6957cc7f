// The bookkeeping every training job shares: a model_runs row opened as running, closed as
// succeeded with metrics (duration added) and artefact, or as failed with the reason.

import { type RunKind, reasonOf } from '@retention/contracts';
import type { Database, Prisma } from '@retention/db';
import { isoOf } from '../analytics/periods.ts';

export interface RunStart {
  kind: RunKind;
  asOf: number;
  parameters: Record<string, unknown>;
  /** Called with the run's id as soon as it is recorded (the job id). */
  onStart?: ((modelRunId: number) => void) | undefined;
}

export interface RunOutcome {
  metrics: Record<string, unknown>;
  artefact?: unknown;
}

export async function recordRun(
  db: Database,
  start: RunStart,
  work: (modelRunId: number) => Promise<RunOutcome>,
) {
  const started = performance.now();
  const run = await db.prisma.modelRun.create({
    data: {
      kind: start.kind,
      asOf: new Date(`${isoOf(start.asOf)}T23:59:59.999Z`),
      parameters: { asOf: isoOf(start.asOf), ...start.parameters } as Prisma.InputJsonObject,
    },
  });
  start.onStart?.(run.id);
  try {
    const outcome = await work(run.id);
    const durationMs = Math.round(performance.now() - started);
    return await db.prisma.modelRun.update({
      where: { id: run.id },
      data: {
        status: 'succeeded',
        finishedAt: new Date(),
        metrics: JSON.parse(JSON.stringify({ ...outcome.metrics, durationMs })),
        ...(outcome.artefact === undefined
          ? {}
          : { artefact: JSON.parse(JSON.stringify(outcome.artefact)) }),
      },
    });
  } catch (err) {
    await db.prisma.modelRun.update({
      where: { id: run.id },
      data: {
        status: 'failed',
        finishedAt: new Date(),
        error: (err as Error).message,
        errorReason: (reasonOf(err) ?? undefined) as Prisma.InputJsonObject | undefined,
      },
    });
    throw err;
  }
}

/** One customer's fields of a run (the run id is added by writeScores). */
export type ScoreFields = Omit<Prisma.CustomerScoreCreateManyInput, 'modelRunId' | 'id'>;

/** Writes a run's per-customer scores in batches, saying how far it got. */
export async function writeScores(
  db: Database,
  modelRunId: number,
  scores: readonly ScoreFields[],
  say: (message: string) => void = () => {},
) {
  const batch = 5000;
  for (let i = 0; i < scores.length; i += batch) {
    await db.prisma.customerScore.createMany({
      data: scores.slice(i, i + batch).map((s) => ({ ...s, modelRunId })),
    });
    say(`scored ${Math.min(i + batch, scores.length)}/${scores.length}`);
  }
}
