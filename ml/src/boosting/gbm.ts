// Gradient-boosted trees for binary labels (the XGBoost / LightGBM role): features binned once
// into quantile histograms, each round fits a depth-limited tree to the logistic loss's
// gradients and hessians (second-order gain, L2 on leaf values), shrinkage, and early stopping
// on a validation set. Deterministic: no sampling, so the same data give the same model.
import { toLabels, toMatrix } from '../matrix.ts';

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

  /**
   * Fits on (X, y); with a validation set, keeps the rounds up to its best log-loss. With
   * `offset` (log-odds per row from another model, for the validation rows too) the trees
   * start from it and learn only what it misses.
   */
  train(
    X: number[][],
    y: number[],
    validation?: { X: number[][]; y: number[]; offset?: readonly number[] },
    offset?: readonly number[],
  ): BoostingFit {
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
    this.base = offset ? 0 : Math.log(positives / (n - positives));
    this.trees = [];
    const raw = Float64Array.from({ length: n }, (_, i) => this.base + (offset?.[i] ?? 0));
    const grad = new Float64Array(n);
    const hess = new Float64Array(n);
    const valRows = validation ? toMatrix(validation.X, p) : null;
    const valY = validation ? toLabels(validation.y, validation.X.length).y : null;
    const valRaw = valRows
      ? Float64Array.from(valY!, (_, i) => this.base + (validation?.offset?.[i] ?? 0))
      : null;
    let best = { round: 0, loss: valRaw ? logLoss(valY!, valRaw) : Number.POSITIVE_INFINITY };

    for (let round = 1; round <= o.maxRounds; round++) {
      for (let i = 0; i < n; i++) {
        const pr = sigmoid(raw[i]!);
        grad[i] = pr - labels[i]!;
        hess[i] = Math.max(pr * (1 - pr), 1e-12);
      }
      // Growing the tree also adds its leaf values to the training rows' raw scores.
      const tree = this.growTree(bins, n, p, edges, grad, hess, raw);
      this.trees.push(tree);
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
    for (let i = 0; i < n; i++) trainRaw[i] = this.rawScore(rows, i * p) + (offset?.[i] ?? 0);
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
    raw: Float64Array,
  ): Node[] {
    const o = this.options;
    const nodes: Node[] = [];
    const width = o.maxBins;
    /** Gradient, hessian and count histograms of all features, from one pass over the rows,
     * interleaved (g, h, count) so each update touches one cache line. */
    const histogramOf = (rowsOf: Int32Array): Float64Array => {
      const hist = new Float64Array(p * width * 3);
      for (let i = 0; i < rowsOf.length; i++) {
        const r = rowsOf[i]!;
        const gr = grad[r]!;
        const hr = hess[r]!;
        const at = r * p;
        for (let f = 0; f < p; f++) {
          const k = (f * width + bins[at + f]!) * 3;
          hist[k]! += gr;
          hist[k + 1]! += hr;
          hist[k + 2]! += 1;
        }
      }
      return hist;
    };
    type Histogram = Float64Array;
    /** The sibling's histogram: the parent's minus the one computed (the smaller child's). */
    const minus = (parent: Histogram, child: Histogram): Histogram => {
      const out = new Float64Array(parent.length);
      for (let k = 0; k < out.length; k++) out[k] = parent[k]! - child[k]!;
      return out;
    };
    const grow = (rowsOf: Int32Array, hist: Histogram, depth: number): number => {
      let G = 0;
      let H = 0;
      for (let i = 0; i < rowsOf.length; i++) {
        G += grad[rowsOf[i]!]!;
        H += hess[rowsOf[i]!]!;
      }
      const id = nodes.length;
      nodes.push({
        feature: -1,
        threshold: 0,
        left: -1,
        right: -1,
        value: (-G / (H + o.lambda)) * o.learningRate,
      });
      const asLeaf = () => {
        const value = nodes[id]!.value;
        for (let i = 0; i < rowsOf.length; i++) raw[rowsOf[i]!]! += value;
        return id;
      };
      if (depth >= o.maxDepth || rowsOf.length < 2 * o.minLeaf) return asLeaf();
      const parentScore = (G * G) / (H + o.lambda);
      let bestGain = 1e-9;
      let bestFeature = -1;
      let bestBin = -1;
      for (let f = 0; f < p; f++) {
        const nb = edges[f]!.length + 1;
        if (nb < 2) continue;
        let gl = 0;
        let hl = 0;
        let nl = 0;
        for (let b = 0; b < nb - 1; b++) {
          const k = (f * width + b) * 3;
          gl += hist[k]!;
          hl += hist[k + 1]!;
          nl += hist[k + 2]!;
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
      if (bestFeature < 0) return asLeaf();
      let nLeft = 0;
      for (let i = 0; i < rowsOf.length; i++) {
        if (bins[rowsOf[i]! * p + bestFeature]! <= bestBin) nLeft++;
      }
      const left = new Int32Array(nLeft);
      const right = new Int32Array(rowsOf.length - nLeft);
      let li = 0;
      let ri = 0;
      for (let i = 0; i < rowsOf.length; i++) {
        const r = rowsOf[i]!;
        if (bins[r * p + bestFeature]! <= bestBin) left[li++] = r;
        else right[ri++] = r;
      }
      const leaf = depth + 1 >= o.maxDepth;
      // Children that will be leaves need no histogram.
      let leftHist = hist;
      let rightHist = hist;
      if (!leaf) {
        if (left.length <= right.length) {
          leftHist = histogramOf(left);
          rightHist = minus(hist, leftHist);
        } else {
          rightHist = histogramOf(right);
          leftHist = minus(hist, rightHist);
        }
      }
      const node = nodes[id]!;
      node.feature = bestFeature;
      node.threshold = edges[bestFeature]![bestBin]!;
      node.left = grow(left, leftHist, depth + 1);
      node.right = grow(right, rightHist, depth + 1);
      return id;
    };
    const all = Int32Array.from({ length: n }, (_, i) => i);
    grow(all, histogramOf(all), 0);
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

  /** Probability of label 1 per row (with the same kind of `offset` it was trained with). */
  predictProbability(X: number[][], offset?: readonly number[]): number[] {
    if (this.nFeatures === 0) throw new Error('the model is not trained: call train() first');
    const rows = toMatrix(X, this.nFeatures);
    return X.map((_, i) => sigmoid(this.rawScore(rows, i * this.nFeatures) + (offset?.[i] ?? 0)));
  }
}

function leafValue(tree: Node[], rows: Float64Array, at: number): number {
  let node = tree[0]!;
  while (node.feature >= 0) {
    node = tree[rows[at + node.feature]! <= node.threshold ? node.left : node.right]!;
  }
  return node.value;
}
