// Gradient-boosted trees and the classifier measures the churn model card reports: exact
// values on hand-made data, recovery of a known calibration, and Telco 5-fold ROC-AUC.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataDir } from '../../test/requirements.ts';
import { GradientBoostingClassifier } from '../src/boosting/gbm.ts';
import {
  atShare,
  atThreshold,
  bestF1Threshold,
  brier,
  calibrate,
  fitPlatt,
  permutationImportance,
  prAuc,
  reliability,
  rocAuc,
  shareThreshold,
} from '../src/evaluate.ts';
import { createRng } from '../src/random.ts';
import { loadTelco, stratifiedFolds } from './helpers/telco.ts';

/** y = 1 when x0 + x1·x2 + noise is high; x3 is pure noise. */
function synthetic(n: number, seed: number) {
  const rng = createRng(seed);
  const X = Array.from({ length: n }, () => [rng.next(), rng.next(), rng.next(), rng.next()]);
  const y = X.map((r) => (r[0]! + r[1]! * r[2]! + 0.4 * rng.next() > 1.1 ? 1 : 0));
  return { X, y };
}

describe('GradientBoostingClassifier', () => {
  it('learns a non-linear rule, stops early on validation, and is deterministic', () => {
    const train = synthetic(3000, 1);
    const validation = synthetic(1000, 2);
    const test = synthetic(2000, 3);
    const fit = () => {
      const gbm = new GradientBoostingClassifier({
        learningRate: 0.1,
        maxRounds: 400,
        patience: 20,
      });
      const summary = gbm.train(train.X, train.y, validation);
      return { gbm, summary, p: gbm.predictProbability(test.X) };
    };
    const a = fit();
    expect(rocAuc(test.y, a.p)).toBeGreaterThan(0.93);
    expect(a.summary.bestRound).toBeLessThan(a.summary.rounds);
    expect(a.summary.rounds - a.summary.bestRound).toBe(20);
    expect(a.gbm.nRounds).toBe(a.summary.bestRound);
    expect(a.p.every((v) => v > 0 && v < 1)).toBe(true);
    expect(fit().p).toEqual(a.p);
  });

  it('without validation runs every round and fits the training rows ever better', () => {
    const { X, y } = synthetic(500, 4);
    const short = new GradientBoostingClassifier({ maxRounds: 5 }).train(X, y);
    const long = new GradientBoostingClassifier({ maxRounds: 60 }).train(X, y);
    expect(long.rounds).toBe(60);
    expect(long.validationLogLoss).toBeNull();
    expect(long.trainLogLoss).toBeLessThan(short.trainLogLoss);
  });

  it('splits a separable feature and ignores a constant one', () => {
    const X = Array.from({ length: 200 }, (_, i) => [7, i]);
    const y = X.map((r) => (r[1]! >= 100 ? 1 : 0));
    const gbm = new GradientBoostingClassifier({ maxRounds: 50, learningRate: 0.3, minLeaf: 5 });
    gbm.train(X, y);
    const [low, high] = gbm.predictProbability([
      [7, 10],
      [7, 150],
    ]);
    expect(low).toBeLessThan(0.05);
    expect(high).toBeGreaterThan(0.95);
  });

  it('refuses bad input with clear messages', () => {
    const gbm = new GradientBoostingClassifier();
    expect(() => gbm.predictProbability([[1]])).toThrow(/not trained/);
    expect(() => gbm.train([[1], [2]], [1, 1])).toThrow(/both labels/);
    expect(() => gbm.train([[1], [2], [3]], [0, 1, 2])).toThrow(/binary/);
    expect(() => gbm.train([[1], [Number.NaN]], [0, 1])).toThrow(/finite/);
    expect(() => new GradientBoostingClassifier({ learningRate: 0 })).toThrow(/learningRate/);
  });
});

describe('classifier measures', () => {
  it('computes average precision as scikit-learn does, ties as one block', () => {
    expect(prAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.8333333, 6);
    expect(prAuc([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(prAuc([1, 1, 0], [0.9, 0.8, 0.1])).toBe(1);
  });

  it('gives the Brier score, a reliability table and figures at a threshold', () => {
    expect(brier([1, 0], [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2, 12);
    const table = reliability([1, 0, 1, 1], [0.05, 0.08, 0.95, 1]);
    expect(table).toHaveLength(10);
    expect(table[0]).toMatchObject({ customers: 2, observedRate: 0.5 });
    expect(table[0]!.meanPredicted).toBeCloseTo(0.065, 12);
    expect(table[9]).toMatchObject({ customers: 2, observedRate: 1 });
    expect(table[5]).toMatchObject({ customers: 0, observedRate: null, meanPredicted: null });
    expect(atThreshold([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.1], 0.5)).toEqual({
      threshold: 0.5,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
      flagged: 2,
    });
    expect(bestF1Threshold([1, 0, 1, 0], [0.9, 0.2, 0.8, 0.1]).threshold).toBe(0.8);
  });

  it('flags the top share of customers by probability, ties included', () => {
    const labels = [1, 1, 0, 1, 0, 0, 1, 0, 0, 0];
    const p = [0.95, 0.9, 0.85, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
    expect(atShare(labels, p, 0.2)).toEqual({
      share: 0.2,
      threshold: 0.9,
      flagged: 2,
      precision: 1,
      recall: 0.5,
    });
    expect(atShare(labels, p, 0.4)).toMatchObject({ flagged: 4, precision: 0.75, recall: 0.75 });
    // 25% of 10 rows is 2.5: three are flagged, never fewer than the share.
    expect(shareThreshold(p, 0.25)).toBe(0.85);
    // Rows tied with the last one flagged are flagged with it.
    expect(atShare([1, 0, 0, 1], [0.7, 0.7, 0.7, 0.1], 0.25).flagged).toBe(3);
    expect(shareThreshold([], 0.2)).toBe(1);
  });

  it('recovers a known Platt calibration', () => {
    const rng = createRng(9);
    const scores = Array.from({ length: 20000 }, () => 0.02 + 0.96 * rng.next());
    const truth = { a: 2, b: -0.5 };
    const labels = scores.map((s) => (rng.next() < calibrate(truth, s) ? 1 : 0));
    const fitted = fitPlatt(labels, scores);
    expect(fitted.a).toBeCloseTo(2, 1);
    expect(fitted.b).toBeCloseTo(-0.5, 1);
  });

  it('fits Platt on scores with few distinct values without overshooting', () => {
    // A rank rule's scores: four values, most rows on the top ones. A plain Newton step
    // from (1, 0) ran off to a = −3.4e10 here, turning every probability into 0 or 1.
    const scores = [
      0.05, 0.3, 0.6, 0.6, 0.97, 0.3, 0.97, 0.97, 0.6, 0.3, 0.6, 0.97, 0.97, 0.97, 0.6, 0.6, 0.6,
      0.97, 0.3, 0.97, 0.97, 0.97, 0.6, 0.3, 0.6, 0.6, 0.97, 0.97, 0.97, 0.6, 0.6, 0.6, 0.97, 0.6,
      0.97, 0.05, 0.6, 0.6, 0.97, 0.3, 0.97, 0.6, 0.97, 0.97, 0.97, 0.97, 0.97, 0.97, 0.6, 0.6, 0.6,
      0.6, 0.6, 0.97, 0.6, 0.97, 0.97, 0.97, 0.6, 0.97,
    ];
    const labels = [
      1, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1,
      0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1,
    ];
    const fitted = fitPlatt(labels, scores);
    expect(Math.abs(fitted.a)).toBeLessThan(10);
    const p = [0.05, 0.3, 0.6, 0.97].map((s) => calibrate(fitted, s));
    for (const v of p) {
      expect(v).toBeGreaterThan(0.2);
      expect(v).toBeLessThan(0.9);
    }
  });

  it('ranks a feature the model uses above pure noise by permutation', () => {
    const train = synthetic(1500, 5);
    const gbm = new GradientBoostingClassifier({ maxRounds: 80, learningRate: 0.2 });
    gbm.train(train.X, train.y);
    const { X, y } = synthetic(1500, 6);
    const importance = permutationImportance(
      X,
      y,
      (rows) => gbm.predictProbability(rows),
      ['x0', 'x1', 'x2', 'noise'],
      createRng(1).next,
    );
    expect(importance[0]!.feature).toBe('x0');
    expect(importance.at(-1)!.feature).toBe('noise');
    expect(Math.abs(importance.at(-1)!.aucDrop)).toBeLessThan(0.005);
  });
});

describe.skipIf(!hasSharedData())('GradientBoostingClassifier on IBM Telco churn', () => {
  it('reaches the forest’s 5-fold ROC-AUC (≥ 0.84) with early stopping', () => {
    const { X, y } = loadTelco(
      path.join(sharedDataDir, 'telco', 'WA_Fn-UseC_-Telco-Customer-Churn.csv'),
    );
    const folds = stratifiedFolds(y, 5, 2024);
    const aucs: number[] = [];
    for (let k = 0; k < 5; k++) {
      // Fold k is the test set; fold k + 1 of the rest is the early-stopping validation set.
      const v = (k + 1) % 5;
      const pick = (f: (fold: number) => boolean) => {
        const rows = X.flatMap((_, i) => (f(folds[i]!) ? [i] : []));
        return { X: rows.map((i) => X[i]!), y: rows.map((i) => y[i]!) };
      };
      const train = pick((f) => f !== k && f !== v);
      const gbm = new GradientBoostingClassifier();
      gbm.train(
        train.X,
        train.y,
        pick((f) => f === v),
      );
      const test = pick((f) => f === k);
      aucs.push(rocAuc(test.y, gbm.predictProbability(test.X)));
    }
    const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
    console.log(
      `Telco 5-fold ROC-AUC, gradient boosting: ${mean.toFixed(4)} (${aucs.map((a) => a.toFixed(3)).join(', ')})`,
    );
    expect(mean).toBeGreaterThanOrEqual(0.84);
    expect(mean).toBeLessThan(0.88);
  });
});
