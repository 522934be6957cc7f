// Gradient-boosted trees for binary labels (the XGBoost / LightGBM role): features binned once
// into quantile histograms, each round fits a depth-limited tree to the logistic loss's
// gradients and hessians (second-order gain, L2 on leaf values), shrinkage, and early stopping
// on a validation set. Deterministic: no sampling, so the same data give the same model.
import { toLabels, toMatrix } from '../forest/data.ts';

export interface BoostingOptions {
  /** Most rounds. Default 500. */
  maxRounds?: number;
  /** Shrinkage applied to every leaf. Default 0.05. */
  learningRate?: number;
  /** Default 4 (up to 16 leaves). */
  maxDepth?: number;
  /** Fewest rows in a leaf. Default 20. */
  minLeaf?: number;
  /** L2 penalty on leaf values. Default 1. */
  lambda?: number;
  /** Most bins per feature. Default 64. */
  maxBins?: number;
  /** Stop when the validation log-loss has not improved for this many rounds. Default 30. */
  patience?: number;
}

interface Node {
  /** Feature index, or -1 for a leaf. */
  feature: number;
  /** Rows with value ≤ threshold go left. */
  threshold: number;
  left: number;
  right: number;
  value: number;
}

export interface BoostingFit {
  rounds: number;
  bestRound: number;
  trainLogLoss: number;
  validationLogLoss: number | null;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function logLoss(y: Int32Array, raw: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, sigmoid(raw[i]!)));
    sum -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / y.length;
}

/** Up to maxBins − 1 cut values per feature at quantiles of its distinct values. */
function binEdges(rows: Float64Array, n: number, p: number, maxBins: number): Float64Array[] {
  const edges: Float64Array[] = [];
  const column = new Float64Array(n);
  for (let f = 0; f < p; f++) {
    for (let r = 0; r < n; r++) column[r] = rows[r * p + f]!;
    const sorted = Float64Array.from(column).sort();
    const distinct: number[] = [];
    for (let i = 0; i < n; i++)
      if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
    const cuts: number[] = [];
    if (distinct.length <= maxBins) {
      for (let i = 0; i + 1 < distinct.length; i++) cuts.push(distinct[i]!);
    } else {
      for (let b = 1; b < maxBins; b++) {
        const v = sorted[Math.floor((b * n) / maxBins) - 1]!;
        if (cuts.length === 0 || v > cuts[cuts.length - 1]!) cuts.push(v);
      }
    }
    edges.push(Float64Array.from(cuts));
  }
  return edges;
}

/** Bin of a value: the first cut it does not exceed, or the last bin. */
function binOf(cuts: Float64Array, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= cuts[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export class GradientBoostingClassifier {
  readonly options: Required<BoostingOptions>;
  private trees: Node[][] = [];
  private base = 0;
  private nFeatures = 0;
  fit: BoostingFit | null = null;

  constructor(options: BoostingOptions = {}) {
    this.options = {
      maxRounds: options.maxRounds ?? 500,
      learningRate: options.learningRate ?? 0.05,
      maxDepth: options.maxDepth ?? 4,
      minLeaf: options.minLeaf ?? 20,
      lambda: options.lambda ?? 1,
      maxBins: Math.min(255, options.maxBins ?? 64),
      patience: options.patience ?? 30,
    };
    const o = this.options;
    if (!(o.learningRate > 0 && o.learningRate <= 1))
      throw new Error('learningRate must be in (0, 1]');
    if (!(Number.isInteger(o.maxRounds) && o.maxRounds >= 1))
      throw new Error('maxRounds must be an integer ≥ 1');
    if (!(o.maxBins >= 2)) throw new Error('maxBins must be ≥ 2');
  }

  /** Fits on (X, y); with a validation set, keeps the rounds up to its best log-loss. */
  train(X: number[][], y: number[], validation?: { X: number[][]; y: number[] }): BoostingFit {
    const o = this.options;
    const rows = toMatrix(X);
    const n = X.length;
    const p = rows.length / n;
    const { y: labels, k } = toLabels(y, n);
    if (k > 2) throw new Error('gradient boosting here is for binary labels 0 and 1');
    const positives = labels.reduce((a, v) => a + v, 0);
    if (positives === 0 || positives === n)
      throw new Error('gradient boosting needs both labels in the training rows');
    const edges = binEdges(rows, n, p, o.maxBins);
    const bins = new Uint8Array(n * p);
    for (let r = 0; r < n; r++)
      for (let f = 0; f < p; f++) bins[r * p + f] = binOf(edges[f]!, rows[r * p + f]!);

    this.nFeatures = p;
    this.base = Math.log(positives / (n - positives));
    this.trees = [];
    const raw = new Float64Array(n).fill(this.base);
    const grad = new Float64Array(n);
    const hess = new Float64Array(n);
    const valRows = validation ? toMatrix(validation.X, p) : null;
    const valY = validation ? toLabels(validation.y, validation.X.length).y : null;
    const valRaw = valRows ? new Float64Array(valY!.length).fill(this.base) : null;
    let best = { round: 0, loss: valRaw ? logLoss(valY!, valRaw) : Number.POSITIVE_INFINITY };

    for (let round = 1; round <= o.maxRounds; round++) {
      for (let i = 0; i < n; i++) {
        const pr = sigmoid(raw[i]!);
        grad[i] = pr - labels[i]!;
        hess[i] = Math.max(pr * (1 - pr), 1e-12);
      }
      const tree = this.growTree(bins, n, p, edges, grad, hess);
      this.trees.push(tree);
      for (let i = 0; i < n; i++) raw[i]! += leafValue(tree, rows, i * p);
      if (valRows && valRaw && valY) {
        for (let i = 0; i < valY.length; i++) valRaw[i]! += leafValue(tree, valRows, i * p);
        const loss = logLoss(valY, valRaw);
        if (loss < best.loss - 1e-9) best = { round, loss };
        else if (round - best.round >= o.patience) break;
      }
    }
    const rounds = this.trees.length;
    if (valRows) this.trees = this.trees.slice(0, best.round);
    const trainRaw = new Float64Array(n);
    for (let i = 0; i < n; i++) trainRaw[i] = this.rawScore(rows, i * p);
    this.fit = {
      rounds,
      bestRound: this.trees.length,
      trainLogLoss: logLoss(labels, trainRaw),
      validationLogLoss: valRows ? best.loss : null,
    };
    return this.fit;
  }

  private growTree(
    bins: Uint8Array,
    n: number,
    p: number,
    edges: Float64Array[],
    grad: Float64Array,
    hess: Float64Array,
  ): Node[] {
    const o = this.options;
    const nodes: Node[] = [];
    const histG = new Float64Array(256);
    const histH = new Float64Array(256);
    const histN = new Int32Array(256);
    const grow = (rowsOf: Int32Array, depth: number): number => {
      let G = 0;
      let H = 0;
      for (const r of rowsOf) {
        G += grad[r]!;
        H += hess[r]!;
      }
      const id = nodes.length;
      nodes.push({
        feature: -1,
        threshold: 0,
        left: -1,
        right: -1,
        value: (-G / (H + o.lambda)) * o.learningRate,
      });
      if (depth >= o.maxDepth || rowsOf.length < 2 * o.minLeaf) return id;
      const parentScore = (G * G) / (H + o.lambda);
      let bestGain = 1e-9;
      let bestFeature = -1;
      let bestBin = -1;
      for (let f = 0; f < p; f++) {
        const nb = edges[f]!.length + 1;
        if (nb < 2) continue;
        histG.fill(0, 0, nb);
        histH.fill(0, 0, nb);
        histN.fill(0, 0, nb);
        for (const r of rowsOf) {
          const b = bins[r * p + f]!;
          histG[b]! += grad[r]!;
          histH[b]! += hess[r]!;
          histN[b]! += 1;
        }
        let gl = 0;
        let hl = 0;
        let nl = 0;
        for (let b = 0; b < nb - 1; b++) {
          gl += histG[b]!;
          hl += histH[b]!;
          nl += histN[b]!;
          if (nl < o.minLeaf) continue;
          if (rowsOf.length - nl < o.minLeaf) break;
          const gr = G - gl;
          const hr = H - hl;
          const gain = (gl * gl) / (hl + o.lambda) + (gr * gr) / (hr + o.lambda) - parentScore;
          if (gain > bestGain) {
            bestGain = gain;
            bestFeature = f;
            bestBin = b;
          }
        }
      }
      if (bestFeature < 0) return id;
      let nLeft = 0;
      for (const r of rowsOf) if (bins[r * p + bestFeature]! <= bestBin) nLeft++;
      const left = new Int32Array(nLeft);
      const right = new Int32Array(rowsOf.length - nLeft);
      let li = 0;
      let ri = 0;
      for (const r of rowsOf) {
        if (bins[r * p + bestFeature]! <= bestBin) left[li++] = r;
        else right[ri++] = r;
      }
      const node = nodes[id]!;
      node.feature = bestFeature;
      node.threshold = edges[bestFeature]![bestBin]!;
      node.left = grow(left, depth + 1);
      node.right = grow(right, depth + 1);
      return id;
    };
    grow(
      Int32Array.from({ length: n }, (_, i) => i),
      0,
    );
    return nodes;
  }

  private rawScore(rows: Float64Array, at: number): number {
    let s = this.base;
    for (const t of this.trees) s += leafValue(t, rows, at);
    return s;
  }

  get nRounds(): number {
    return this.trees.length;
  }

  /** Probability of label 1 per row. */
  predictProbability(X: number[][]): number[] {
    if (this.nFeatures === 0) throw new Error('the model is not trained: call train() first');
    const rows = toMatrix(X, this.nFeatures);
    return X.map((_, i) => sigmoid(this.rawScore(rows, i * this.nFeatures)));
  }
}

function leafValue(tree: Node[], rows: Float64Array, at: number): number {
  let node = tree[0]!;
  while (node.feature >= 0) {
    node = tree[rows[at + node.feature]! <= node.threshold ? node.left : node.right]!;
  }
  return node.value;
}
