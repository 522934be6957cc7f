// The CPU-bound half of the churn job, on rows already read: split, both tree models and the
// baselines they must beat, their held-out figures, the serving model's importance,
// probabilities and reasons. Plain data in and out, so the server runs it in a worker thread
// (server/src/ml/churn/fit-worker.ts) and keeps answering.
import { ReasonError } from '@retention/contracts';
import {
  type AtShare,
  atShare,
  atThreshold,
  brier,
  type Importance,
  permutationImportance,
  prAuc,
  reliability,
  rocAuc,
  shareThreshold,
} from '../evaluate.ts';
import { createRng, deriveSeed } from '../random.ts';
import { fitBaselines, fitLogisticRfm } from './baselines.ts';
import { type ChurnRow, featureNames } from './features.ts';
import {
  type Baseline,
  type FittedModel,
  fitBoosting,
  fitForest,
  type ModelName,
  type Split,
  type TreeName,
} from './models.ts';
import { type Reason, reasonsFor, typicalValues } from './reasons.ts';

export interface ChurnInput {
  train: ChurnRow[];
  held: ChurnRow[];
  now: ChurnRow[];
  seed: number;
  /** The share of active customers the team can work: the top ones by probability are "at risk". */
  atRiskShare: number;
  /** The currency the reasons write money in; null: plain numbers. */
  currency?: string | null;
}

/** The shares the model card compares: what flagging each would catch on held-out customers. */
export const tradeOffShares = [0.05, 0.1, 0.2, 0.3, 0.5] as const;

const validationShare = 0.2;

/**
 * How much better than the best baseline (held-out ROC-AUC) a tree model must be to serve:
 * below it the simpler rule serves, as good and explainable in one line.
 */
export const minLift = 0.02;

const tooFew = {
  training: 'churnTooFewTraining',
  evaluation: 'churnTooFewEvaluation',
  validation: 'churnTooFewValidation',
} as const;

/** Refuses a set without enough of both outcomes, saying how many it has. */
export function needEnough(
  labels: readonly number[],
  which: keyof typeof tooFew,
  min: number,
  day = '',
) {
  const churned = labels.filter((l) => l === 1).length;
  const kept = labels.length - churned;
  if (churned < min || kept < min) {
    throw new ReasonError(tooFew[which], { min, day, churned, kept });
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

const round = (v: number) => Math.round(v * 10000) / 10000;

function evaluation(model: FittedModel, rows: ChurnRow[]) {
  const y = rows.map((r) => r.label);
  const p = model.predict(rows.map((r) => r.x));
  return {
    parameters: model.parameters,
    fitMs: model.fitMs,
    rocAuc: round(rocAuc(y, p)),
    /** The same scores against DESIGN's churn (the spell ends within W days). */
    spellRocAuc: round(
      rocAuc(
        rows.map((r) => r.spellLabel),
        p,
      ),
    ),
    prAuc: round(prAuc(y, p)),
    brier: round(brier(y, p)),
    calibration: { platt: model.platt, reliability: reliability(y, p) },
    atThreshold: atThreshold(y, p, model.threshold),
  };
}

export type ModelEvaluation = ReturnType<typeof evaluation>;

/** Whether the trees earn their place: the best of them against the best baseline. */
export interface Verdict {
  bestTree: TreeName;
  bestBaseline: Baseline;
  /** Held-out ROC-AUC of the best tree minus the best baseline's. */
  lift: number;
  minLift: number;
  /** lift ≥ minLift: the tree serves; otherwise the baseline does. */
  treeServes: boolean;
}

export interface ChurnFit {
  rows: { fit: number; validation: number };
  models: Record<TreeName, ModelEvaluation>;
  baselines: Record<Baseline, ModelEvaluation>;
  verdict: Verdict;
  /** `threshold`: the operating point on today's scores (the top atRiskShare of them). */
  chosen: { name: ModelName; threshold: number; platt: { a: number; b: number } };
  /** The operating point on the held-out snapshot, and the same at other shares. */
  operating: { heldOut: AtShare; tradeOff: AtShare[] };
  importance: Importance[];
  typical: number[];
  probabilities: number[];
  reasons: Reason[][];
}

/** Every candidate fitted on the training rows and judged on the held-out ones; the one that serves. */
function fitCandidates(input: ChurnInput, say: (message: string) => void) {
  const { train, held, seed } = input;
  const split = splitByCustomer(train, seed);
  needEnough(split.validation.y, 'validation', 5);
  say(`fitting on ${split.fit.y.length} rows, validating on ${split.validation.y.length}`);
  const forest = fitForest(split, seed);
  say(`random forest: ${forest.fitMs} ms`);
  // The trees start from the logistic regression on RFM, so they add to the best simple rule
  // rather than relearn it from few rows; the same regression is one of the baselines.
  const logistic = fitLogisticRfm(split);
  const boosting = fitBoosting(split, logistic.logOdds);
  say(`gradient boosting: ${boosting.parameters.rounds} rounds, ${boosting.fitMs} ms`);
  const models = {
    random_forest: evaluation(forest, held),
    gradient_boosting: evaluation(boosting, held),
  };
  say(
    `held-out ROC-AUC: random forest ${models.random_forest.rocAuc}, gradient boosting ${models.gradient_boosting.rocAuc}`,
  );
  const fittedBaselines = fitBaselines(split, logistic);
  const baselines = Object.fromEntries(
    fittedBaselines.map((b) => [b.name, evaluation(b, held)]),
  ) as Record<Baseline, ModelEvaluation>;
  say(
    `baselines' held-out ROC-AUC: ${fittedBaselines.map((b) => `${b.name} ${baselines[b.name as Baseline].rocAuc}`).join(', ')}`,
  );
  const tree = models.gradient_boosting.rocAuc > models.random_forest.rocAuc ? boosting : forest;
  const baseline = fittedBaselines.reduce((a, b) =>
    baselines[b.name as Baseline].rocAuc > baselines[a.name as Baseline].rocAuc ? b : a,
  );
  const lift = round(
    models[tree.name as TreeName].rocAuc - baselines[baseline.name as Baseline].rocAuc,
  );
  const verdict: Verdict = {
    bestTree: tree.name as TreeName,
    bestBaseline: baseline.name as Baseline,
    lift,
    minLift,
    treeServes: lift >= minLift,
  };
  const chosen = verdict.treeServes ? tree : baseline;
  say(
    verdict.treeServes
      ? `${tree.name} beats the best baseline (${baseline.name}) by ${lift} ROC-AUC: it serves`
      : `${tree.name} does not beat the best baseline (${baseline.name}) by ${minLift} ROC-AUC (${lift}): the baseline serves`,
  );
  return {
    split,
    candidates: [forest, boosting, ...fittedBaselines],
    models,
    baselines,
    verdict,
    chosen,
  };
}

/**
 * A backtest: `now` is a past day whose outcome is known, so every candidate, fitted as a
 * run on that day would have been, is judged on it (ROC-AUC on `now`'s labels).
 */
export function judgeChurn(input: ChurnInput, say: (message: string) => void) {
  const { candidates, models, baselines, verdict, chosen } = fitCandidates(input, say);
  const y = input.now.map((r) => r.label);
  const X = input.now.map((r) => r.x);
  const judged = Object.fromEntries(
    candidates.map((m) => [m.name, round(rocAuc(y, m.predict(X)))]),
  ) as Record<ModelName, number>;
  return { models, baselines, verdict, chosen: chosen.name, judged };
}

export type ChurnJudgement = ReturnType<typeof judgeChurn>;

export function fitChurn(input: ChurnInput, say: (message: string) => void): ChurnFit {
  const { held, now, seed } = input;
  const { split, models, baselines, verdict, chosen } = fitCandidates(input, say);
  const importance = permutationImportance(
    held.map((r) => r.x),
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
  const typical = typicalValues(split.fit.X.filter((_, i) => split.fit.y[i] === 0));
  const nowX = now.map((r) => r.x);
  const probabilities = now.length ? chosen.predict(nowX) : [];
  const bad = probabilities.findIndex((p) => !Number.isFinite(p));
  if (bad >= 0) {
    throw new Error(
      `churn probability of customer ${now[bad]?.customerId} is not a number: the fit is degenerate`,
    );
  }
  say(`explaining ${now.length} scores`);
  const reasons = reasonsFor(nowX, probabilities, typical, chosen.predict, {
    currency: input.currency ?? null,
  });
  // The operating point is a capacity, not the best F1: with most active customers churning
  // (as in retail), the best F1 flags nearly all of them, which no team can work.
  const heldY = held.map((r) => r.label);
  const heldP = chosen.predict(held.map((r) => r.x));
  const heldOut = atShare(heldY, heldP, input.atRiskShare);
  const tradeOff = tradeOffShares.map((share) => atShare(heldY, heldP, share));
  const threshold = now.length ? shareThreshold(probabilities, input.atRiskShare) : 1;
  say(
    `at risk: the top ${Math.round(input.atRiskShare * 100)}% of active customers (p ≥ ${threshold.toFixed(3)}); held-out precision ${heldOut.precision?.toFixed(3) ?? 'n/a'}, recall ${heldOut.recall?.toFixed(3) ?? 'n/a'}`,
  );
  return {
    rows: { fit: split.fit.y.length, validation: split.validation.y.length },
    models,
    baselines,
    verdict,
    chosen: { name: chosen.name, threshold, platt: chosen.platt },
    operating: { heldOut, tradeOff },
    importance,
    typical,
    probabilities,
    reasons,
  };
}
