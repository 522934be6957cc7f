// The CLV job: per-customer purchase histories as of a day (from the derived customer days,
// so purchases on one day count once, as in the BG/NBD papers), BG/NBD and Gamma-Gamma fits,
// and per customer P(alive), expected purchases, expected order value and discounted CLV;
// with the run's own check of its forecasts (holdout, baselines, seasonality) in its metrics.
// Writes one model_runs row and the customers' scores; requests read only those.
import type { Database } from '@retention/db';
import { fitBgNbd, fitGammaGamma, scoreCustomer } from '@retention/ml';
import { isoOf } from '../../analytics/periods.ts';
import { recordRun, writeScores } from '../model-run.ts';
import { NotEnoughData } from '../not-enough-data.ts';
import { checkClv } from './check-clv.ts';
import { historiesAsOf } from './clv-data.ts';

export interface ClvOptions {
  /** Last day of history used (business calendar); later data is ignored. */
  asOf: number;
  horizonMonths?: number;
  monthlyDiscount?: number;
  /** Days of the calibration holdout H (named apart from the churn job's horizonDays, which
   * shares the options object). */
  holdoutDays?: number;
  onProgress?: (message: string) => void;
  /** Called with the model run's id as soon as the run is recorded. */
  onStart?: (modelRunId: number) => void;
}

export async function trainClv(db: Database, o: ClvOptions) {
  const horizonMonths = o.horizonMonths ?? 12;
  const monthlyDiscount = o.monthlyDiscount ?? 0.01;
  const holdoutDays = o.holdoutDays ?? 90;
  const say = o.onProgress ?? (() => {});
  const parameters = { horizonMonths, monthlyDiscount, timeUnit: 'week', holdoutDays };
  return recordRun(
    db,
    { kind: 'clv', asOf: o.asOf, parameters, onStart: o.onStart },
    async (runId) => {
      const histories = await historiesAsOf(db, o.asOf);
      if (histories.length < 10) {
        throw new NotEnoughData('clvTooFew', {
          needed: 10,
          asOf: isoOf(o.asOf),
          found: histories.length,
        });
      }
      const repeaters = histories.filter((h) => h.x > 0).length;
      say(
        `${histories.length} customers (${repeaters} with repeat purchases) up to ${isoOf(o.asOf)}`,
      );
      const bg = fitBgNbd(histories);
      const { r, alpha, a, b } = bg.params;
      say(
        `BG/NBD r=${r.toFixed(3)} alpha=${alpha.toFixed(3)} a=${a.toFixed(3)} b=${b.toFixed(3)} log-likelihood ${bg.logLikelihood.toFixed(1)}`,
      );
      // Gamma-Gamma needs a few repeat buyers; without them orders are valued at their own mean.
      const gg = repeaters >= 10 ? fitGammaGamma(histories) : null;
      if (gg) {
        const { p, q, gamma } = gg.params;
        say(
          `Gamma-Gamma p=${p.toFixed(2)} q=${q.toFixed(2)} gamma=${gamma.toFixed(2)} on ${gg.customers} repeaters`,
        );
      } else say(`Gamma-Gamma skipped: ${repeaters} repeat customers (needs 10)`);
      const checks = await checkClv(db, o.asOf, holdoutDays, say);
      const scores = histories.map((h) =>
        scoreCustomer(
          bg.params,
          gg?.params ?? null,
          h,
          horizonMonths,
          monthlyDiscount,
          checks.season,
        ),
      );
      const bad = scores.find((s) => ![s.pAlive, s.expected365, s.clv].every(Number.isFinite));
      if (bad)
        throw new Error(`CLV of customer ${bad.customerId} is not a number: the fit is degenerate`);
      await writeScores(
        db,
        runId,
        scores.map((s) => ({
          customerId: s.customerId,
          pAlive: s.pAlive,
          expectedPurchases: s.expected90,
          clv: s.clv.toFixed(2),
          details: {
            expectedPurchases30: s.expected30,
            expectedPurchases90: s.expected90,
            expectedPurchases365: s.expected365,
            expectedOrderValue: Math.round(s.orderValue * 100) / 100,
          },
        })),
        say,
      );
      return {
        metrics: {
          customers: histories.length,
          repeaters,
          bgnbd: { ...bg.params, logLikelihood: bg.logLikelihood, converged: bg.converged },
          gammaGamma: gg
            ? {
                ...gg.params,
                logLikelihood: gg.logLikelihood,
                customers: gg.customers,
                converged: gg.converged,
              }
            : null,
          holdout: checks.holdout,
          holdoutWhy: checks.holdoutWhy,
          seasonality: checks.seasonality,
        },
        artefact: {
          bgnbd: bg.params,
          gammaGamma: gg?.params ?? null,
          seasonalIndex: checks.season?.index ?? null,
        },
      };
    },
  );
}
