// Random-forest fit time: server/src/ml/forest against ml-random-forest 2.1.0, on seeded
// synthetic data (5 informative features — linear, an interaction, a sine — plus noise
// features, labels drawn from a logistic model), with held-out ROC-AUC of each.
// ml-random-forest is quadratic in the rows, so it runs on a small size only; the ratio on that
// size is the figure. Env: BENCH_ML_TREES (trees for ml-random-forest, default 20: it takes
// about 1.4 s a tree there), BENCH_SKIP_ML=1 to skip it.
import { RandomForestClassifier as MlForest } from 'ml-random-forest';
import { createRng, RandomForestClassifier, rocAuc } from '../src/ml/forest/index.ts';

interface Data {
  X: number[][];
  y: number[];
}

function synthetic(n: number, p: number, seed: number): Data {
  const rng = createRng(seed);
  const normal = () =>
    Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: p }, normal);
    const z = 1.2 * x[0]! - 0.8 * x[1]! + x[2]! * x[3]! + 1.5 * Math.sin(2 * x[4]!) - 0.5;
    X.push(x);
    y.push(rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
  }
  return { X, y };
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, (performance.now() - t0) / 1000];
}

function ours(train: Data, test: Data, trees: number): { fit: number; auc: number } {
  const rf = new RandomForestClassifier({ nEstimators: trees, seed: 1, probability: 'mean' });
  const [, fit] = time(() => rf.train(train.X, train.y));
  return { fit, auc: rocAuc(test.y, rf.predictProbability(test.X, 1)) };
}

function theirs(train: Data, test: Data, trees: number): { fit: number; auc: number } {
  const p = train.X[0]!.length;
  // Its default maxFeatures 1.0 reads as the integer 1 (one feature per tree); (p-1)/p of the
  // features without replacement is the closest to a plain bagged forest it offers.
  const rf = new MlForest({
    nEstimators: trees,
    seed: 1,
    maxFeatures: (p - 1) / p,
    replacement: false,
    noOOB: true,
  });
  const [, fit] = time(() => rf.train(train.X, train.y));
  // Vote fractions of all trees (its predictProbability drops the first tree's vote).
  const votes = rf.predictionValues(test.X).to2DArray();
  return {
    fit,
    auc: rocAuc(
      test.y,
      votes.map((v) => v.filter((c) => c === 1).length / trees),
    ),
  };
}

const trees = 100;
const mlTrees = Number(process.env.BENCH_ML_TREES ?? 20);
const line = (who: string, n: number, p: number, t: number, r: { fit: number; auc: number }) =>
  console.log(
    `${who.padEnd(18)} ${String(t).padStart(3)} trees on ${n.toLocaleString('en').padStart(7)} x ${p}: fit ${r.fit.toFixed(2).padStart(7)} s (${((1000 * r.fit) / t).toFixed(1)} ms/tree), held-out AUC ${r.auc.toFixed(4)}`,
  );

const sizes: [number, number][] = [
  [2_000, 15],
  [20_000, 15],
  [100_000, 20],
];
const small: Record<string, { fit: number; auc: number }> = {};
for (const [n, p] of sizes) {
  const train = synthetic(n, p, 7);
  const test = synthetic(20_000, p, 8);
  const r = ours(train, test, trees);
  line('retention forest', n, p, trees, r);
  if (n === 2_000) small.ours = r;
}
if (process.env.BENCH_SKIP_ML !== '1') {
  const train = synthetic(2_000, 15, 7);
  const test = synthetic(20_000, 15, 8);
  const r = theirs(train, test, mlTrees);
  line('ml-random-forest', 2_000, 15, mlTrees, r);
  const perTree = (x: { fit: number }, t: number) => x.fit / t;
  const ratio = perTree(r, mlTrees) / perTree(small.ours!, trees);
  console.log(
    `fit time per tree on 2,000 x 15: ml-random-forest / retention forest = ${ratio.toFixed(0)}x`,
  );
}
