// The churn job. With T the as-of day and W the churn window: the models learn from customers
// active at T − 2W (and 30 and 60 days before it), labelled by what happened by T − W; they are
// evaluated on the customers active at T − W, labelled by T, which no model saw. Both models
// (random forest, gradient boosting) are fitted on the same rows, calibrated and thresholded
// on the same validation customers, and the one with the better held-out ROC-AUC scores the
// customers active at T, with their top reasons. Nothing after T is read.
import type { Database } from '@retention/db';
import { isoOf } from '../../analytics/periods.ts';
import {
  atThreshold,
  brier,
  type Importance,
  permutationImportance,
  prAuc,
  reliability,
  rocAuc,
} from '../evaluate.ts';
import { createRng, deriveSeed } from '../forest/index.ts';
import { recordRun } from '../model-run.ts';
import { type ChurnRow, churnRows, featureNames } from './features.ts';
import { type FittedModel, fitBoosting, fitForest, type Split } from './models.ts';
import { reasonsFor, typicalValues } from './reasons.ts';

export interface ChurnOptions {
  asOf: number;
  windowDays: number;
  timeZone: string;
  seed?: number;
  onProgress?: (message: string) => void;
  onStart?: (modelRunId: number) => void;
}

/** Extra training snapshots, this many days apart, before the latest training cutoff. */
const snapshotStepDays = 30;
const snapshots = 3;
const validationShare = 0.2;
const minPerLabel = { train: 20, evaluation: 10 };

const count = (rows: ChurnRow[], label: number) => rows.filter((r) => r.label === label).length;

function needEnough(labels: readonly number[], what: string, min: number, day: string) {
  const churned = labels.filter((l) => l === 1).length;
  const kept = labels.length - churned;
  if (churned < min || kept < min) {
    throw new Error(
      `the churn model needs at least ${min} customers who churned and ${min} who stayed among the ${what} (customers active on ${day}); found ${churned} and ${kept}`,
    );
  }
}

/** Validation customers are drawn by id, so one customer's snapshots stay on one side. */
function splitByCustomer(rows: ChurnRow[], seed: number): Split {
  const split: Split = { fit: { X: [], y: [] }, validation: { X: [], y: [] } };
  for (const r of rows) {
    const side =
      createRng(deriveSeed(seed, r.customerId)).next() < validationShare
        ? split.validation
        : split.fit;
    side.X.push(r.x);
    side.y.push(r.label);
  }
  return split;
}

export function evaluation(model: FittedModel, rows: ChurnRow[]) {
  const y = rows.map((r) => r.label);
  const p = model.predict(rows.map((r) => r.x));
  const round = (v: number) => Math.round(v * 10000) / 10000;
  return {
    parameters: model.parameters,
    fitMs: model.fitMs,
    rocAuc: round(rocAuc(y, p)),
    prAuc: round(prAuc(y, p)),
    brier: round(brier(y, p)),
    calibration: { platt: model.platt, reliability: reliability(y, p) },
    atThreshold: atThreshold(y, p, model.threshold),
  };
}

export async function trainChurn(db: Database, o: ChurnOptions) {
  const seed = o.seed ?? 42;
  const w = o.windowDays;
  const say = o.onProgress ?? (() => {});
  const evalCutoff = o.asOf - w;
  const trainCutoffs = Array.from(
    { length: snapshots },
    (_, k) => evalCutoff - w - k * snapshotStepDays,
  );
  const parameters = {
    windowDays: w,
    trainCutoffs: trainCutoffs.map(isoOf),
    evaluationCutoff: isoOf(evalCutoff),
    validationShare,
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
        throw new Error(
          `the churn model needs order history from at least ${2 * w} days before ${isoOf(o.asOf)} (W = ${w}): ${firstDay === null ? 'there are no orders' : `orders start on ${firstDay}`}`,
        );
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
        'training snapshots',
        minPerLabel.train,
        trainCutoffs.map(isoOf).join(', '),
      );
      const held = await churnRows(db, evalCutoff, w, o.timeZone);
      say(
        `evaluation snapshot ${isoOf(evalCutoff)}: ${held.length} active customers, ${count(held, 1)} churned`,
      );
      needEnough(
        held.map((r) => r.label),
        'evaluation snapshot',
        minPerLabel.evaluation,
        isoOf(evalCutoff),
      );

      const split = splitByCustomer(train, seed);
      needEnough(split.validation.y, 'validation customers', 5, trainCutoffs.map(isoOf).join(', '));
      say(`fitting on ${split.fit.y.length} rows, validating on ${split.validation.y.length}`);
      const forest = fitForest(split, seed);
      say(`random forest: ${forest.fitMs} ms`);
      const boosting = fitBoosting(split);
      say(`gradient boosting: ${boosting.parameters.rounds} rounds, ${boosting.fitMs} ms`);
      const models = {
        random_forest: evaluation(forest, held),
        gradient_boosting: evaluation(boosting, held),
      };
      say(
        `held-out ROC-AUC: random forest ${models.random_forest.rocAuc}, gradient boosting ${models.gradient_boosting.rocAuc}`,
      );
      const chosen =
        models.gradient_boosting.rocAuc > models.random_forest.rocAuc ? boosting : forest;
      const heldX = held.map((r) => r.x);
      const importance: Importance[] = permutationImportance(
        heldX,
        held.map((r) => r.label),
        chosen.predict,
        featureNames,
        createRng(seed).next,
      );
      say(
        `serving ${chosen.name}; most important: ${importance
          .slice(0, 3)
          .map((i) => i.feature)
          .join(', ')}`,
      );

      const now = await churnRows(db, o.asOf, w, o.timeZone);
      const typical = typicalValues(split.fit.X.filter((_, i) => split.fit.y[i] === 0));
      const nowX = now.map((r) => r.x);
      const probabilities = chosen.predict(nowX);
    const bad = probabilities.findIndex((p) => !Number.isFinite(p));
    if (bad >= 0) {
      throw new Error(
        `churn probability of customer ${now[bad]?.customerId} is not a number: the fit is degenerate`,
      );
    }
      const reasons = reasonsFor(nowX, probabilities, typical, chosen.predict);
      for (let i = 0; i < now.length; i += 5000) {
        await db.prisma.customerScore.createMany({
          data: now.slice(i, i + 5000).map((r, j) => ({
            customerId: r.customerId,
            modelRunId: runId,
            churnProbability: probabilities[i + j] as number,
            reasons: reasons[i + j] as object[],
            details: {
              model: chosen.name,
              atRisk: (probabilities[i + j] as number) >= chosen.threshold,
            },
          })),
        });
        say(
          `scored ${Math.min(i + 5000, now.length)}/${now.length} customers active on ${isoOf(o.asOf)}`,
        );
      }
      const atRisk = probabilities.filter((p) => p >= chosen.threshold).length;
      return {
        metrics: {
          windowDays: w,
          rows: {
            fit: split.fit.y.length,
            validation: split.validation.y.length,
            evaluation: held.length,
            scored: now.length,
          },
          churnRate: {
            training: count(train, 1) / train.length,
            evaluation: count(held, 1) / held.length,
          },
          models,
          chosen: chosen.name,
          threshold: chosen.threshold,
          atRisk,
          importance,
        },
        artefact: {
          chosen: chosen.name,
          threshold: chosen.threshold,
          platt: chosen.platt,
          typical: Object.fromEntries(featureNames.map((f, i) => [f, typical[i]])),
        },
      };
    },
  );
}
