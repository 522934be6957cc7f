// Model output for tests that need customers scored: a succeeded CLV run and churn run with
// the given probability and CLV per customer (the models themselves are tested elsewhere).
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
    data: { kind: 'churn', status: 'succeeded', asOf, finishedAt, metrics: { threshold } },
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
