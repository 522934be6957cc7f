// The newest CLV run as the API shows it: its size and its own check of its forecasts (the
// holdout against two baselines, the seasonality verdict), straight from the run's metrics.
// Business-wide for every viewer: the fit reads every customer.
import { type ClvCard, isoInstant } from '@retention/contracts';
import type { PrismaClient } from '@retention/db';
import type { z } from 'zod';
import { latestRun } from '../../analytics/latest-run.ts';
import type { ClvChecks } from './check-clv.ts';

type Card = z.infer<typeof ClvCard>;
type Stored = NonNullable<ClvChecks['holdout']>['model'];

/** A forecast as stored; runs made before the top-decile share was measured lack it. */
const forecastOf = (f: Stored) => ({ ...f, topDecile: f.topDecile ?? null });

export async function readClv(prisma: PrismaClient): Promise<Card> {
  const run = await latestRun(prisma, 'clv');
  if (!run) {
    return {
      scope: 'business',
      run: null,
      holdout: null,
      holdoutWhy: null,
      seasonality: null,
      message: 'No CLV run yet: npm run train -- --only clv',
    };
  }
  // Any succeeded run reads: one from before these metrics existed has some of them missing.
  const m = (run.metrics ?? {}) as Partial<ClvChecks> & { customers?: number; repeaters?: number };
  const h = m.holdout;
  return {
    scope: 'business',
    run: {
      id: run.id,
      asOf: isoInstant(run.asOf).slice(0, 10),
      finishedAt: run.finishedAt && isoInstant(run.finishedAt),
      customers: m.customers ?? null,
      repeaters: m.repeaters ?? null,
    },
    holdout: h
      ? {
          horizonDays: h.horizonDays,
          calibrationEnd: h.calibrationEnd,
          customers: h.customers,
          actual: h.actual,
          model: forecastOf(h.model),
          naiveRate: forecastOf(h.naiveRate),
          lastPeriod: forecastOf(h.lastPeriod),
          seasonal: h.seasonal ? forecastOf(h.seasonal) : null,
          seasonalWhy: h.seasonalWhy,
        }
      : null,
    holdoutWhy: h ? null : (m.holdoutWhy ?? 'this run was made before CLV runs checked themselves'),
    seasonality: m.seasonality ?? null,
    message: null,
  };
}
