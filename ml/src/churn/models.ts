// The two churn models behind one shape: a random forest (mean leaf proportions: on a few
// thousand rows vote fractions tie and rank worse) and gradient-boosted trees (early stopping on the validation rows). Each is fitted on the same
// rows, then Platt-calibrated and given an operating threshold on the same validation rows.

import type { ChurnBaselineName, ChurnTreeName } from '@retention/contracts';
import { GradientBoostingClassifier } from '../boosting/gbm.ts';
import { bestF1Threshold, calibrate, fitPlatt, type Platt } from '../evaluate.ts';
import { RandomForestClassifier } from '../forest/index.ts';

export type TreeName = ChurnTreeName;
/** The simple rules the trees must beat (baselines.ts). */
export type Baseline = ChurnBaselineName;
export type ModelName = TreeName | Baseline;

export interface FittedModel {
  name: ModelName;
  parameters: Record<string, unknown>;
  /** Raw scores: vote fractions or the boosted probability. */
  score: (X: number[][]) => number[];
  platt: Platt;
  /** Calibrated probabilities. */
  predict: (X: number[][]) => number[];
  /** Operating threshold on the calibrated probability (best F1 on the validation rows). */
  threshold: number;
  fitMs: number;
}

export interface Split {
  fit: { X: number[][]; y: number[] };
  validation: { X: number[][]; y: number[] };
}

/**
 * Calibration maps scores to probabilities and never reverses them: where the validation rows
 * would turn a model (or a rule) upside down, it keeps the order, nearly flat at the base rate.
 * A rule judged on held-out rows is then the rule as stated, not its inverse or a constant.
 */
function increasing(platt: Platt, y: readonly number[]): Platt {
  const minSlope = 1e-3;
  if (platt.a >= minSlope) return platt;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, y.reduce((a, v) => a + v, 0) / y.length));
  return { a: minSlope, b: Math.log(rate / (1 - rate)) };
}

/** Calibrates a fitted scorer on the validation rows and sets its best-F1 threshold. */
export function finish(
  name: ModelName,
  parameters: Record<string, unknown>,
  score: (X: number[][]) => number[],
  split: Split,
  started: number,
): FittedModel {
  const fitMs = Math.round(performance.now() - started);
  const raw = score(split.validation.X);
  const platt = increasing(fitPlatt(split.validation.y, raw), split.validation.y);
  const predict = (X: number[][]) => score(X).map((s) => calibrate(platt, s));
  const calibrated = raw.map((s) => calibrate(platt, s));
  const { threshold } = bestF1Threshold(split.validation.y, calibrated);
  return { name, parameters, score, platt, predict, threshold, fitMs };
}

export function fitForest(split: Split, seed: number): FittedModel {
  const started = performance.now();
  const options = { nEstimators: 200, minLeaf: 5, seed, probability: 'mean' } as const;
  const parameters = { ...options, maxFeatures: 'sqrt' };
  const forest = new RandomForestClassifier(options);
  forest.train(split.fit.X, split.fit.y);
  return finish(
    'random_forest',
    parameters,
    (X) => forest.predictProbability(X, 1),
    split,
    started,
  );
}

/**
 * Gradient-boosted trees; with `start` (another model's log-odds, as logistic regression on
 * RFM gives) the trees begin from it and learn only what it misses.
 */
export function fitBoosting(split: Split, start?: (X: number[][]) => number[]): FittedModel {
  const started = performance.now();
  const gbm = new GradientBoostingClassifier({ learningRate: 0.05, maxDepth: 4, minLeaf: 20 });
  const validation = { ...split.validation, offset: start?.(split.validation.X) };
  const fit = gbm.train(split.fit.X, split.fit.y, validation, start?.(split.fit.X));
  const parameters = {
    ...gbm.options,
    roundsRun: fit.rounds,
    rounds: fit.bestRound,
    startsFrom: start ? 'logistic_rfm' : null,
  };
  return finish(
    'gradient_boosting',
    parameters,
    (X) => gbm.predictProbability(X, start?.(X)),
    split,
    started,
  );
}
