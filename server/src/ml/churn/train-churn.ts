// The churn job. With T the as-of day and W the churn window: the models learn from customers
// active at T − 2W (and 30 and 60 days before it), labelled by what happened by T − W; they are
// evaluated on the customers active at T − W, labelled by T, which no model saw. Both models
// (random forest, gradient boosting) are fitted on the same rows, calibrated and thresholded
// on the same validation customers, and the one with the better held-out ROC-AUC scores the
// customers active at T, with their top reasons. Nothing after T is read. Reading rows and
// writing scores happen here; the fit itself (@retention/ml's fitChurn) runs in a worker thread.
import type { Database } from '@retention/db';
import { type ChurnRow, churnFeatureNames as featureNames, needEnough } from '@retention/ml';
import { isoOf } from '../../analytics/periods.ts';
import { recordRun, writeScores } from '../model-run.ts';
import { NotEnoughData } from '../not-enough-data.ts';
import { churnRows } from './churn-rows.ts';
import { fitInWorker } from './fit-in-worker.ts';

export interface ChurnOptions {
  asOf: number;
  windowDays: number;
  timeZone: string;
  seed?: number;
  /** Share of active customers flagged at risk (AT_RISK_SHARE). */
  atRiskShare?: number;
  /** The currency the reasons write money in (CURRENCY); none: plain numbers. */
  currency?: string | null;
  onProgress?: (message: string) => void;
  onStart?: (modelRunId: number) => void;
}

/** Extra training snapshots, this many days apart, before the latest training cutoff. */
const snapshotStepDays = 30;
const snapshots = 3;
const minPerLabel = { train: 20, evaluation: 10 };

const count = (rows: ChurnRow[], label: number) => rows.filter((r) => r.label === label).length;

export async function trainChurn(db: Database, o: ChurnOptions) {
  const seed = o.seed ?? 42;
  const w = o.windowDays;
  const say = o.onProgress ?? (() => {});
  const evalCutoff = o.asOf - w;
  const trainCutoffs = Array.from(
    { length: snapshots },
    (_, k) => evalCutoff - w - k * snapshotStepDays,
  );
  // The config's default, for callers (tests, benchmarks) that do not say.
  const atRiskShare = o.atRiskShare ?? 0.2;
  const parameters = {
    windowDays: w,
    atRiskShare,
    trainCutoffs: trainCutoffs.map(isoOf),
    evaluationCutoff: isoOf(evalCutoff),
    validationShare: 0.2,
    seed,
    features: [...featureNames],
  };
  return recordRun(
    db,
    { kind: 'churn', asOf: o.asOf, parameters, onStart: o.onStart },
    async (runId) => {
      const first = await db.query<{ day: string | null }>(
        'SELECT min(day)::text AS day FROM analytics_customer_days WHERE day <= $1::date',
        [isoOf(o.asOf)],
      );
      const firstDay = first.rows[0]?.day ?? null;
      if (firstDay === null || firstDay > isoOf(evalCutoff - w)) {
        const history = { days: 2 * w, asOf: isoOf(o.asOf), w };
        throw firstDay === null
          ? new NotEnoughData('churnNoOrders', history)
          : new NotEnoughData('churnHistoryShort', { ...history, first: firstDay });
      }
      const train: ChurnRow[] = [];
      for (const cutoff of trainCutoffs) {
        if (isoOf(cutoff) < firstDay) continue;
        const rows = await churnRows(db, cutoff, w, o.timeZone);
        say(
          `training snapshot ${isoOf(cutoff)}: ${rows.length} active customers, ${count(rows, 1)} churned within ${w} days`,
        );
        train.push(...rows);
      }
      needEnough(
        train.map((r) => r.label),
        'training',
        minPerLabel.train,
        trainCutoffs.map(isoOf).join(', '),
      );
      const held = await churnRows(db, evalCutoff, w, o.timeZone);
      say(
        `evaluation snapshot ${isoOf(evalCutoff)}: ${held.length} active customers, ${count(held, 1)} churned`,
      );
      needEnough(
        held.map((r) => r.label),
        'evaluation',
        minPerLabel.evaluation,
        isoOf(evalCutoff),
      );

      const now = await churnRows(db, o.asOf, w, o.timeZone);
      const fit = await fitInWorker(
        { train, held, now, seed, atRiskShare, currency: o.currency ?? null },
        say,
      );
      const { chosen, probabilities, reasons } = fit;
      const scores = now.map((r, i) => ({
        customerId: r.customerId,
        churnProbability: probabilities[i] as number,
        reasons: reasons[i] as object[],
        details: { model: chosen.name, atRisk: (probabilities[i] as number) >= chosen.threshold },
      }));
      await writeScores(db, runId, scores, (m) => say(`${m} customers active on ${isoOf(o.asOf)}`));
      const atRisk = probabilities.filter((p) => p >= chosen.threshold).length;
      return {
        metrics: {
          windowDays: w,
          rows: {
            ...fit.rows,
            evaluation: held.length,
            scored: now.length,
          },
          churnRate: {
            training: count(train, 1) / train.length,
            evaluation: count(held, 1) / held.length,
          },
          models: fit.models,
          chosen: chosen.name,
          threshold: chosen.threshold,
          atRisk,
          operating: fit.operating,
          importance: fit.importance,
        },
        artefact: {
          chosen: chosen.name,
          threshold: chosen.threshold,
          platt: chosen.platt,
          typical: Object.fromEntries(featureNames.map((f, i) => [f, fit.typical[i]])),
        },
      };
    },
  );
}
