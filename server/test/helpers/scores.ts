// Model output for tests that need customers scored: a succeeded CLV run and churn run with
// the given probability and CLV per customer, the churn run with a model card of the shape a
// churn job writes (the models themselves are tested elsewhere).
import type { PrismaClient } from '@retention/db';

export async function scoreCustomers(
  prisma: PrismaClient,
  scores: { customerId: number; probability: number; clv: number }[],
  threshold = 0.5,
) {
  const finishedAt = new Date();
  const asOf = new Date(finishedAt.getTime() - 86_400_000);
  const clvRun = await prisma.modelRun.create({
    data: { kind: 'clv', status: 'succeeded', asOf, finishedAt },
  });
  const churnRun = await prisma.modelRun.create({
    data: {
      kind: 'churn',
      status: 'succeeded',
      asOf,
      finishedAt,
      parameters: churnCard.parameters,
      metrics: { ...churnCard.metrics, threshold },
    },
  });
  await prisma.customerScore.createMany({
    data: scores.map((s) => ({
      customerId: s.customerId,
      modelRunId: clvRun.id,
      clv: s.clv.toFixed(2),
    })),
  });
  await prisma.customerScore.createMany({
    data: scores.map((s) => ({
      customerId: s.customerId,
      modelRunId: churnRun.id,
      churnProbability: s.probability,
      details: { atRisk: s.probability >= threshold },
      reasons: [],
    })),
  });
  return { clvRunId: clvRun.id, churnRunId: churnRun.id };
}

const evaluation = {
  parameters: {},
  fitMs: 1,
  rocAuc: 0.8,
  prAuc: 0.6,
  brier: 0.2,
  calibration: { platt: { a: 1, b: 0 }, reliability: [] },
  atThreshold: { threshold: 0.5, precision: 0.5, recall: 0.5, f1: 0.5, flagged: 3 },
};
/** The model card a churn job writes: parameters and metrics (figures made up). */
const churnCard = {
  parameters: { windowDays: 90, trainCutoffs: ['2025-01-01'], evaluationCutoff: '2025-03-01' },
  metrics: {
    threshold: 0.5,
    windowDays: 90,
    chosen: 'random_forest',
    rows: { train: 10, evaluation: 12 },
    churnRate: { train: 0.3, evaluation: 0.3 },
    models: { random_forest: evaluation, gradient_boosting: evaluation },
    importance: [],
  },
};
