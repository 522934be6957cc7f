// The CLV job: per-customer purchase histories as of a day (from the derived customer days,
// so purchases on one day count once, as in the BG/NBD papers), BG/NBD and Gamma-Gamma fits,
// and per customer P(alive), expected purchases, expected order value and discounted CLV.
// Writes one model_runs row and the customers' scores; requests read only those.
import type { Database } from '@retention/db';
import { isoOf } from '../../analytics/periods.ts';
import { recordRun, writeScores } from '../model-run.ts';
import { type BgNbdParams, expectedPurchases, fitBgNbd, pAlive, type Summary } from './bgnbd.ts';
import { expectedOrderValue, fitGammaGamma, type GammaGammaParams } from './gamma-gamma.ts';

export interface ClvOptions {
  /** Last day of history used (business calendar); later data is ignored. */
  asOf: number;
  horizonMonths?: number;
  monthlyDiscount?: number;
  onProgress?: (message: string) => void;
  /** Called with the model run's id as soon as the run is recorded. */
  onStart?: (modelRunId: number) => void;
}

/** Time unit of the fits: weeks, as in the published CDNOW results. */
const daysPerUnit = 7;
const unitsPerMonth = 30.4375 / daysPerUnit;

interface History extends Summary {
  customerId: number;
  /** Mean value of the repeat purchase days (0 without repeats). */
  mean: number;
}

async function historiesAsOf(db: Database, asOf: number): Promise<History[]> {
  const r = await db.query<{ id: number; x: number; tx: number; t: number; mean: string }>(
    `SELECT customer_id AS id, count(*)::int - 1 AS x,
            (max(day) - min(day))::float8 AS tx, ($1::date - min(day))::float8 AS t,
            CASE WHEN count(*) > 1
                 THEN ((sum(revenue) - (array_agg(revenue ORDER BY day))[1]) / (count(*) - 1))::text
                 ELSE '0' END AS mean
     FROM analytics_customer_days WHERE day <= $1::date GROUP BY customer_id ORDER BY customer_id`,
    [isoOf(asOf)],
  );
  return r.rows.map((row) => ({
    customerId: Number(row.id),
    x: Number(row.x),
    tx: Number(row.tx) / daysPerUnit,
    T: Number(row.t) / daysPerUnit,
    mean: Number(row.mean),
  }));
}

export interface ClvScore {
  customerId: number;
  pAlive: number;
  expected30: number;
  expected90: number;
  expected365: number;
  orderValue: number;
  clv: number;
}

export function scoreCustomer(
  bg: BgNbdParams,
  gg: GammaGammaParams | null,
  h: History,
  horizonMonths: number,
  monthlyDiscount: number,
): ClvScore {
  const expected = (days: number) => expectedPurchases(bg, h, days / daysPerUnit);
  const orderValue = gg ? expectedOrderValue(gg, { x: h.x, mean: h.mean }) : h.mean;
  let clv = 0;
  let before = 0;
  for (let m = 1; m <= horizonMonths; m++) {
    const upTo = expectedPurchases(bg, h, m * unitsPerMonth);
    clv += ((upTo - before) * orderValue) / (1 + monthlyDiscount) ** m;
    before = upTo;
  }
  return {
    customerId: h.customerId,
    pAlive: pAlive(bg, h),
    expected30: expected(30),
    expected90: expected(90),
    expected365: expected(365),
    orderValue,
    clv,
  };
}

export async function trainClv(db: Database, o: ClvOptions) {
  const horizonMonths = o.horizonMonths ?? 12;
  const monthlyDiscount = o.monthlyDiscount ?? 0.01;
  const say = o.onProgress ?? (() => {});
  const parameters = { horizonMonths, monthlyDiscount, timeUnit: 'week' };
  return recordRun(
    db,
    { kind: 'clv', asOf: o.asOf, parameters, onStart: o.onStart },
    async (runId) => {
      const histories = await historiesAsOf(db, o.asOf);
      if (histories.length < 10) {
        throw new Error(
          `CLV needs purchase histories of at least 10 customers up to ${isoOf(o.asOf)}; found ${histories.length}`,
        );
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
      const scores = histories.map((h) =>
        scoreCustomer(bg.params, gg?.params ?? null, h, horizonMonths, monthlyDiscount),
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
        },
        artefact: { bgnbd: bg.params, gammaGamma: gg?.params ?? null },
      };
    },
  );
}
