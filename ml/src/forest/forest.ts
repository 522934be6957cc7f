// Random-forest classifier with the interface of ml-random-forest's RandomForestClassifier
// (options nEstimators / maxFeatures / seed / treeOptions, train, predict, predictProbability),
// but: features are sampled per split (as scikit-learn), training is O(n log n) per forest plus
// O(rows × features) per tree level, and predictProbability counts every tree.
import { toMatrix } from '../matrix.ts';
import { createRng, deriveSeed } from '../random.ts';
import { buildDataset } from './data.ts';
import { createWorkspace, growTree } from './grow.ts';
import { leafIndex, type Tree, type TreeParams } from './tree.ts';

export interface TreeOptions {
  /** Default Infinity. The root has depth 0. */
  maxDepth?: number;
  /** Fewest rows a node needs to be split. Default 2. Rows drawn more than once by the
   * bootstrap count once here and in minLeaf, as in scikit-learn. */
  minNumSamples?: number;
  /** Fewest rows a split may leave in either child. Default 1. */
  minLeaf?: number;
}

export interface RandomForestOptions extends TreeOptions {
  /** Default 100. */
  nEstimators?: number;
  /** Features tried at each split: in (0, 1) a fraction of them (floored, at least 1), an integer ≥ 1 a count.
   * Default floor(sqrt(features)). Features constant in a node count towards it, but the draw goes on until one is not. */
  maxFeatures?: number;
  /** Bootstrap the rows of each tree (sampling n with replacement). Default true. */
  bootstrap?: boolean;
  /** ml-random-forest's name for `bootstrap`. */
  useSampleBagging?: boolean;
  /** 32-bit integer; same seed and data give the same forest. Default 42. */
  seed?: number;
  /** Merged over the top-level tree options, as ml-random-forest's `treeOptions`. */
  treeOptions?: TreeOptions;
  /** What predictProbability returns: 'votes' = fraction of ALL trees whose leaf majority is the
   * label (ml-random-forest's meaning), 'mean' = mean of the leaves' class proportions
   * (scikit-learn's predict_proba). predict() takes the argmax of the same. Default 'votes'. */
  probability?: 'votes' | 'mean';
}

export class RandomForestClassifier {
  readonly options: Readonly<RandomForestOptions>;
  private trees: Tree[] = [];
  private nFeatures = 0;
  private nClasses = 0;

  constructor(options: RandomForestOptions = {}) {
    const o = { ...options, ...options.treeOptions };
    const n = o.nEstimators ?? 100;
    if (!Number.isInteger(n) || n < 1) throw new Error('nEstimators must be an integer ≥ 1');
    if (o.seed !== undefined && !Number.isInteger(o.seed))
      throw new Error('seed must be an integer');
    const mf = o.maxFeatures;
    if (mf !== undefined && !(mf > 0 && (mf < 1 || Number.isInteger(mf)))) {
      throw new Error('maxFeatures must be a fraction in (0, 1) or an integer count ≥ 1');
    }
    if (o.minLeaf !== undefined && !(o.minLeaf >= 1)) throw new Error('minLeaf must be ≥ 1');
    if (o.maxDepth !== undefined && !(o.maxDepth >= 0)) throw new Error('maxDepth must be ≥ 0');
    if (o.probability !== undefined && o.probability !== 'votes' && o.probability !== 'mean') {
      throw new Error("probability must be 'votes' or 'mean'");
    }
    this.options = o;
  }

  train(X: number[][], y: number[]): void {
    const d = buildDataset(X, y);
    const o = this.options;
    const mf = o.maxFeatures;
    const mtry = mf === undefined ? Math.floor(Math.sqrt(d.p)) : mf < 1 ? Math.floor(mf * d.p) : mf;
    const params: TreeParams = {
      mtry: Math.min(d.p, Math.max(1, mtry)),
      maxDepth: o.maxDepth ?? Number.POSITIVE_INFINITY,
      minNumSamples: o.minNumSamples ?? 2,
      minLeaf: o.minLeaf ?? 1,
    };
    const bootstrap = o.bootstrap ?? o.useSampleBagging ?? true;
    const seed = o.seed ?? 42;
    const ws = createWorkspace(d);
    const w = new Int32Array(d.n);
    const trees: Tree[] = [];
    for (let t = 0; t < (o.nEstimators ?? 100); t++) {
      const rng = createRng(deriveSeed(seed, t));
      if (bootstrap) {
        w.fill(0);
        for (let i = 0; i < d.n; i++) w[rng.int(d.n)]! += 1;
      } else w.fill(1);
      trees.push(growTree(d, w, params, rng, ws));
    }
    this.trees = trees;
    this.nFeatures = d.p;
    this.nClasses = d.k;
  }

  get nTrees(): number {
    return this.trees.length;
  }

  /** Per row, the k class scores (votes or mean leaf proportions, see `probability`). */
  predictScores(
    X: number[][],
    probability: 'votes' | 'mean' = this.options.probability ?? 'votes',
  ): number[][] {
    if (this.trees.length === 0) throw new Error('the forest is not trained: call train() first');
    const p = this.nFeatures;
    const k = this.nClasses;
    const rows = toMatrix(X, p);
    const mean = probability === 'mean';
    const out: number[][] = [];
    const acc = new Float64Array(k);
    for (let r = 0; r < X.length; r++) {
      acc.fill(0);
      for (const t of this.trees) {
        const at = leafIndex(t, rows, r * p) * k;
        if (mean) for (let c = 0; c < k; c++) acc[c]! += t.value[at + c]!;
        else acc[argmax(t.value, at, k)]! += 1;
      }
      out.push(Array.from(acc, (v) => v / this.trees.length));
    }
    return out;
  }

  /** Score of `label` per row: a vote fraction (k / nTrees) or a mean leaf proportion (the
   * forest's `probability` option unless given). */
  predictProbability(
    X: number[][],
    label: number,
    probability: 'votes' | 'mean' = this.options.probability ?? 'votes',
  ): number[] {
    if (!Number.isInteger(label) || label < 0) throw new Error('label must be an integer ≥ 0');
    return this.predictScores(X, probability).map((s) => s[label] ?? 0);
  }

  /** The class with the highest score; ties go to the smaller label. */
  predict(X: number[][]): number[] {
    return this.predictScores(X).map((s) => argmax(s, 0, s.length));
  }
}

function argmax(v: ArrayLike<number>, at: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (v[at + c]! > v[at + best]!) best = c;
  return best;
}
