// The churn job. With T the as-of day, W the churn window, H the horizon and L = max(H, W)
// the time a label needs: the models learn from customers active at T − 2L (and 30 and 60
// days before it), labelled by what happened in the H days after; they are evaluated on the
// customers active at T − L, labelled by T, which no model saw. Both tree models (random
// forest, gradient boosting) and the baselines they must beat (recency, frequency, RFM rank
// sum, logistic regression on RFM) are fitted on the same rows and calibrated on the same
// validation customers; the better tree serves if it beats the best baseline by minLift
// held-out ROC-AUC, else that baseline serves, scoring the customers active at T with their
// top reasons. Nothing after T is read. Reading rows and writing scores happen here; the fit
// itself (@retention/ml's fitChurn) runs in a worker thread.
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
  /** The label's horizon H: no order in the next H days (default W). */
  horizonDays?: number;
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
const spellCount = (rows: ChurnRow[]) => rows.filter((r) => r.spellLabel === 1).length;

/** The cutoffs of one run: where the models learn, where they are judged, and the label's days. */
function cutoffsOf(o: ChurnOptions) {
  const w = o.windowDays;
  const h = o.horizonDays ?? w;
  const labelDays = Math.max(h, w);
  const evalCutoff = o.asOf - labelDays;
  const trainCutoffs = Array.from(
    { length: snapshots },
    (_, k) => evalCutoff - labelDays - k * snapshotStepDays,
  );
  return { w, h, labelDays, evalCutoff, trainCutoffs };
}

/**
 * The rows a run fits on (training snapshots), judges on (evaluation snapshot) and scores
 * (customers active on the as-of day), refused when there are too few of either outcome.
 */
export async function churnSnapshots(db: Database, o: ChurnOptions) {
  const { w, h, labelDays, evalCutoff, trainCutoffs } = cutoffsOf(o);
  const say = o.onProgress ?? (() => {});
  const first = await db.query<{ day: string | null }>(
    'SELECT min(day)::text AS day FROM analytics_customer_days WHERE day <= $1::date',
    [isoOf(o.asOf)],
  );
  const firstDay = first.rows[0]?.day ?? null;
  if (firstDay === null || firstDay > isoOf(evalCutoff - labelDays)) {
    const history = { days: 2 * labelDays, asOf: isoOf(o.asOf), w: labelDays };
    throw firstDay === null
      ? new NotEnoughData('churnNoOrders', history)
      : new NotEnoughData('churnHistoryShort', { ...history, first: firstDay });
  }
  const train: ChurnRow[] = [];
  for (const cutoff of trainCutoffs) {
    if (isoOf(cutoff) < firstDay) continue;
    const rows = await churnRows(db, cutoff, w, h, o.timeZone);
    say(
      `training snapshot ${isoOf(cutoff)}: ${rows.length} active customers, ${count(rows, 1)} with no order in the next ${h} days`,
    );
    train.push(...rows);
  }
  needEnough(
    train.map((r) => r.label),
    'training',
    minPerLabel.train,
    trainCutoffs.map(isoOf).join(', '),
  );
  const held = await churnRows(db, evalCutoff, w, h, o.timeZone);
  say(
    `evaluation snapshot ${isoOf(evalCutoff)}: ${held.length} active customers, ${count(held, 1)} with no order in the next ${h} days`,
  );
  needEnough(
    held.map((r) => r.label),
    'evaluation',
    minPerLabel.evaluation,
    isoOf(evalCutoff),
  );
  const now = await churnRows(db, o.asOf, w, h, o.timeZone);
  return { train, held, now };
}

export async function trainChurn(db: Database, o: ChurnOptions) {
  const seed = o.seed ?? 42;
  const { w, h, evalCutoff, trainCutoffs } = cutoffsOf(o);
  const say = o.onProgress ?? (() => {});
  // The config's default, for callers (tests, benchmarks) that do not say.
  const atRiskShare = o.atRiskShare ?? 0.2;
  const parameters = {
    windowDays: w,
    horizonDays: h,
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
      const { train, held, now } = await churnSnapshots(db, o);
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
          horizonDays: h,
          rows: {
            ...fit.rows,
            evaluation: held.length,
            scored: now.length,
          },
          churnRate: {
            training: count(train, 1) / train.length,
            evaluation: count(held, 1) / held.length,
            spellEvaluation: spellCount(held) / held.length,
          },
          models: fit.models,
          baselines: fit.baselines,
          verdict: fit.verdict,
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
