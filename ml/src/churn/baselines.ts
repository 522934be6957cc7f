// The simple rules a churn model must beat, as models of the same shape (models.ts), so any of
// them can serve when the trees do not earn their place: how long since the last order, how
// many order days, the RFM rank sum, and a logistic regression on log RFM. Each is fitted (the
// regression) and Platt-calibrated on the same rows as the trees.
import { type Baseline, type FittedModel, finish, type Split } from './models.ts';

const recency = 0;
const orderDays = 1;
const revenue = 2;

/**
 * Where a value falls among the reference rows' values, 0-1 (ties count half): an empirical
 * CDF fixed at fitting, so a row scores the same whatever rows it is scored with.
 */
function cdfOf(reference: readonly number[]): (v: number) => number {
  const sorted = [...reference].sort((a, b) => a - b);
  const below = (v: number, orEqual: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < v || (orEqual && sorted[mid] === v)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (v) => (below(v, false) + below(v, true) + 1) / (2 * sorted.length + 2);
}

/** A feature turned into a risk rank 0-1 against the fitting rows (`sign` -1: less is riskier). */
function ranker(X: number[][], c: number, sign: 1 | -1) {
  const cdf = cdfOf(X.map((x) => sign * (x[c] ?? 0)));
  return (x: readonly number[]) => cdf(sign * (x[c] ?? 0));
}

/** The rules that need no fitting, each a risk score 0-1 built on the fitting rows' ranks. */
function rules(fitX: number[][]) {
  const r = ranker(fitX, recency, 1); // the longer since the last order, the riskier
  const f = ranker(fitX, orderDays, -1); // the fewer order days, the riskier
  const m = ranker(fitX, revenue, -1); // the less spent, the riskier
  return {
    recency: (X: number[][]) => X.map(r),
    frequency: (X: number[][]) => X.map(f),
    // Recency, frequency and spend ranked and averaged, as RFM scoring does.
    rfm_rank_sum: (X: number[][]) => X.map((x) => (r(x) + f(x) + m(x)) / 3),
  };
}

/** log(1 + recency), log(1 + order days), log(1 + revenue): the regression's inputs. */
const logRfm = (x: readonly number[]) =>
  [x[recency], x[orderDays], x[revenue]].map((v) => Math.log1p(Math.max(0, v ?? 0)));

/** Solves A·d = g for a small symmetric positive definite A (Gaussian elimination). */
function solve(A: number[][], g: number[]): number[] {
  const n = g.length;
  const M = A.map((row, i) => [...row, g[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[pivot]![c]!)) pivot = r;
    [M[c], M[pivot]] = [M[pivot]!, M[c]!];
    const p = M[c]![c]!;
    if (Math.abs(p) < 1e-12) return new Array(n).fill(0);
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / p;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => row[n]! / row[i]!);
}

/**
 * Logistic regression by Newton's method with a small ridge penalty (so separable rows stay
 * finite): weights for [1, ...inputs].
 */
export function fitLogistic(X: number[][], y: number[], ridge = 1e-3): number[] {
  const p = (X[0]?.length ?? 0) + 1;
  let w = new Array<number>(p).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const g = new Array<number>(p).fill(0);
    const H = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let i = 0; i < X.length; i++) {
      const z = [1, ...X[i]!];
      const q = 1 / (1 + Math.exp(-z.reduce((s, v, k) => s + v * w[k]!, 0)));
      const d = q - y[i]!;
      const s = Math.max(q * (1 - q), 1e-9);
      for (let a = 0; a < p; a++) {
        g[a]! += d * z[a]!;
        for (let b = 0; b < p; b++) H[a]![b]! += s * z[a]! * z[b]!;
      }
    }
    for (let a = 1; a < p; a++) {
      g[a]! += ridge * w[a]!;
      H[a]![a]! += ridge;
    }
    const step = solve(H, g);
    w = w.map((v, k) => v - step[k]!);
    if (step.every((v) => Math.abs(v) < 1e-8)) break;
  }
  return w;
}

/** Logistic regression on log RFM, fitted on the split's fitting rows: weights and log-odds. */
export function fitLogisticRfm(split: Split) {
  const started = performance.now();
  const weights = fitLogistic(split.fit.X.map(logRfm), split.fit.y);
  const fitMs = performance.now() - started;
  const logOdds = (X: number[][]) =>
    X.map((x) => [1, ...logRfm(x)].reduce((s, v, k) => s + v * weights[k]!, 0));
  return { weights, logOdds, fitMs };
}

/** Every baseline fitted and calibrated on the split (the logistic regression given, fitted once). */
export function fitBaselines(
  split: Split,
  logistic: ReturnType<typeof fitLogisticRfm> = fitLogisticRfm(split),
): FittedModel[] {
  const ruleSet = rules(split.fit.X);
  const ruled = (Object.keys(ruleSet) as (keyof typeof ruleSet)[]).map((name) =>
    finish(name, {}, ruleSet[name], split, performance.now()),
  );
  const { weights, logOdds, fitMs } = logistic;
  const regression = finish(
    'logistic_rfm' satisfies Baseline,
    {
      weights: weights.map((v) => Math.round(v * 1e4) / 1e4),
      inputs: 'log1p(recency, order days, revenue)',
    },
    (X) => logOdds(X).map((z) => 1 / (1 + Math.exp(-z))),
    split,
    performance.now() - fitMs, // its fit time, not the time since it was fitted
  );
  return [...ruled, regression];
}
