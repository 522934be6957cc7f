// Measures of a binary classifier's scores against labels (1 = positive): ROC-AUC, PR-AUC
// (average precision), Brier score, a reliability table, precision and recall at a threshold,
// and Platt scaling to turn scores into calibrated probabilities; and Pearson and Spearman
// correlations for forecasts of counts (the CLV holdout).

/** ROC-AUC as the Mann–Whitney statistic: the probability that a random positive scores above a
 * random negative, ties counted as half (average ranks over tied scores). */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  if (scores.length !== n) throw new Error('labels and scores differ in length');
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const rank = (i + j) / 2 + 1; // average 1-based rank of the tie group
    for (let t = i; t <= j; t++) {
      if (labels[idx[t]!] === 1) {
        rankSumPos += rank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) throw new Error('ROC-AUC needs both positive and negative labels');
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Average precision: the mean of the precision at each positive, ranked by score (ties as
 * one block, as scikit-learn's average_precision_score). */
export function prAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] === 1 ? 1 : 0;
  if (positives === 0) throw new Error('PR-AUC needs positive labels');
  let tp = 0;
  let seen = 0;
  let ap = 0;
  let prevRecall = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && scores[idx[j]!] === scores[idx[i]!]) {
      if (labels[idx[j]!] === 1) tp++;
      seen++;
      j++;
    }
    const recall = tp / positives;
    ap += (recall - prevRecall) * (tp / seen);
    prevRecall = recall;
    i = j;
  }
  return ap;
}

export function brier(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probabilities[i]! - labels[i]!) ** 2;
  return sum / labels.length;
}

export interface ReliabilityBin {
  from: number;
  to: number;
  customers: number;
  meanPredicted: number | null;
  observedRate: number | null;
}

/** Ten equal-width bins of predicted probability with the observed rate in each. */
export function reliability(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  bins = 10,
): ReliabilityBin[] {
  const count = new Array<number>(bins).fill(0);
  const predicted = new Array<number>(bins).fill(0);
  const observed = new Array<number>(bins).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const b = Math.min(bins - 1, Math.floor(probabilities[i]! * bins));
    count[b]! += 1;
    predicted[b]! += probabilities[i]!;
    observed[b]! += labels[i]!;
  }
  return count.map((c, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    customers: c,
    meanPredicted: c ? predicted[b]! / c : null,
    observedRate: c ? observed[b]! / c : null,
  }));
}

/** Flagging the `share` of rows most likely to churn: what that catches, on labelled rows. */
export interface AtShare {
  share: number;
  /** The lowest probability flagged. */
  threshold: number;
  flagged: number;
  precision: number | null;
  recall: number | null;
}

/**
 * The top `share` of rows by probability flagged (rows tied with the last one flagged too):
 * a team that can work that many customers, and what share of them would really churn.
 */
export function atShare(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  share: number,
): AtShare {
  const n = probabilities.length;
  const threshold = shareThreshold(probabilities, share);
  let tp = 0;
  let flagged = 0;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] === 1) positives++;
    if (probabilities[i]! >= threshold) {
      flagged++;
      if (labels[i] === 1) tp++;
    }
  }
  return {
    share,
    threshold,
    flagged,
    precision: flagged ? tp / flagged : null,
    recall: positives ? tp / positives : null,
  };
}

/** The probability at which the top `share` of `probabilities` starts (1 when there are none). */
export function shareThreshold(probabilities: ArrayLike<number>, share: number): number {
  const sorted = Array.from(probabilities).sort((a, b) => b - a);
  if (sorted.length === 0) return 1;
  const k = Math.min(sorted.length, Math.max(1, Math.ceil(share * sorted.length)));
  return sorted[k - 1]!;
}

export interface AtThreshold {
  threshold: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  flagged: number;
}

export function atThreshold(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold: number,
): AtThreshold {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const flagged = probabilities[i]! >= threshold;
    if (flagged && labels[i] === 1) tp++;
    else if (flagged) fp++;
    else if (labels[i] === 1) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : null;
  const recall = tp + fn ? tp / (tp + fn) : null;
  const f1 = precision && recall ? (2 * precision * recall) / (precision + recall) : null;
  return { threshold, precision, recall, f1, flagged: tp + fp };
}

/** The threshold with the best F1 among the distinct probabilities (ties: the higher one; 0.5
 * when no probability does at least as well). One sort and a sweep from the top, so it stays
 * fast on tens of thousands of validation rows. */
export function bestF1Threshold(labels: ArrayLike<number>, probabilities: ArrayLike<number>) {
  const n = labels.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] === 1 ? 1 : 0;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => probabilities[b]! - probabilities[a]!,
  );
  let tp = 0;
  let flagged = 0;
  let best = { threshold: Number.NaN, f1: Number.NEGATIVE_INFINITY };
  for (let i = 0; i < n; ) {
    const t = probabilities[order[i]!]!;
    // Everyone at this probability is flagged together.
    for (; i < n && probabilities[order[i]!] === t; i++) {
      flagged++;
      if (labels[order[i]!] === 1) tp++;
    }
    const precision = tp / flagged;
    const recall = positives ? tp / positives : 0;
    const f1 = precision && recall ? (2 * precision * recall) / (precision + recall) : -1;
    if (f1 > best.f1) best = { threshold: t, f1 };
  }
  const fallback = atThreshold(labels, probabilities, 0.5);
  return best.f1 >= (fallback.f1 ?? -1)
    ? atThreshold(labels, probabilities, best.threshold)
    : fallback;
}

export interface Platt {
  a: number;
  b: number;
}

const logit = (p: number) => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};

/** Calibrated probability of a raw score under Platt scaling. */
export function calibrate(platt: Platt, score: number): number {
  return 1 / (1 + Math.exp(-(platt.a * logit(score) + platt.b)));
}

/** Platt scaling, p = σ(a·logit(score) + b), fitted by Newton's method with Platt's smoothed
 * targets (so a perfectly separated set does not send a to infinity) and a backtracking line
 * search (Lin, Lin & Weng 2007): a full Newton step on scores with few distinct values can
 * overshoot to a slope of 10^12, which makes every probability 0 or 1. */
export function fitPlatt(labels: ArrayLike<number>, scores: ArrayLike<number>): Platt {
  const n = labels.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i]!;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (n - positives + 2);
  const x = Array.from(scores, logit);
  const t = Array.from(labels, (v) => (v === 1 ? hi : lo));
  // Cross-entropy against the smoothed targets, written to stay finite for large |z|.
  const loss = (a: number, b: number) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = a * x[i]! + b;
      const log1pExp = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      sum += log1pExp - t[i]! * z;
    }
    return sum;
  };
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(a * x[i]! + b)));
      const d = p - t[i]!;
      const w = p * (1 - p);
      ga += d * x[i]!;
      gb += d;
      haa += w * x[i]! * x[i]!;
      hab += w * x[i]!;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-12)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > current + 1e-12 && step > 1e-10) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > current + 1e-12) break;
    a -= step * da;
    b -= step * db;
    const moved = step * (Math.abs(da) + Math.abs(db));
    current = next;
    if (moved < 1e-9) break;
  }
  return Number.isFinite(a) && Number.isFinite(b) ? { a, b } : { a: 1, b: 0 };
}

export interface Importance {
  feature: string;
  /** Mean fall in ROC-AUC when the feature's column is shuffled. */
  aucDrop: number;
  sd: number;
}

/** Permutation importance: shuffle one column at a time (seeded, `repeats` times) and measure
 * how much the ROC-AUC falls. Sorted, most important first. */
export function permutationImportance(
  X: number[][],
  y: number[],
  predict: (X: number[][]) => number[],
  names: readonly string[],
  rng: () => number,
  repeats = 3,
): Importance[] {
  const base = rocAuc(y, predict(X));
  const out = names.map((feature, f) => {
    const drops: number[] = [];
    for (let k = 0; k < repeats; k++) {
      const column = X.map((r) => r[f] as number);
      for (let i = column.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [column[i], column[j]] = [column[j] as number, column[i] as number];
      }
      const shuffled = X.map((r, i) => {
        const copy = r.slice();
        copy[f] = column[i] as number;
        return copy;
      });
      drops.push(base - rocAuc(y, predict(shuffled)));
    }
    const mean = drops.reduce((a, b) => a + b, 0) / repeats;
    const sd = Math.sqrt(drops.reduce((a, b) => a + (b - mean) ** 2, 0) / repeats);
    return { feature, aucDrop: mean, sd };
  });
  return out.sort((a, b) => b.aucDrop - a.aucDrop);
}

/** Pearson correlation; null when either side is constant (no correlation to speak of). */
export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>): number | null {
  const n = xs.length;
  if (ys.length !== n) throw new Error('the two series differ in length');
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]! / n;
    my += ys[i]! / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/** 1-based ranks, tied values sharing the average of their ranks. */
export function averageRanks(values: ArrayLike<number>): number[] {
  const n = values.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[idx[j + 1]!] === values[idx[i]!]) j++;
    for (let t = i; t <= j; t++) ranks[idx[t]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/** Spearman rank correlation: Pearson on average ranks, so ties (many customers buy 0 or 1
 * times) are handled as in scipy.stats.spearmanr. Null when either side is constant. */
export function spearman(xs: ArrayLike<number>, ys: ArrayLike<number>): number | null {
  return pearson(averageRanks(xs), averageRanks(ys));
}

/**
 * The share of all `actual` made by the `share` of rows ranked highest by `forecast` (the top
 * 10% a manager would call first: how much of what happened did they hold?). Rows tied at the
 * cut count in proportion, as a random order among them would on average, so a rule that cannot
 * tell customers apart gets no credit for the order it happens to list them in. Null when
 * nothing happened.
 */
export function topShare(
  forecast: ArrayLike<number>,
  actual: ArrayLike<number>,
  share: number,
): number | null {
  const n = forecast.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += actual[i]!;
  if (total === 0 || n === 0) return null;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => forecast[b]! - forecast[a]!);
  const k = share * n;
  let held = 0;
  let taken = 0;
  for (let start = 0; start < n && taken < k; ) {
    let end = start;
    let sum = 0;
    while (end < n && forecast[order[end]!] === forecast[order[start]!])
      sum += actual[order[end++]!]!;
    const size = end - start;
    const room = Math.min(size, k - taken);
    held += (sum * room) / size;
    taken += room;
    start = end;
  }
  return held / total;
}
