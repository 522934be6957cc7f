// npm run bench:ml — fit times of the models, with scikit-learn's on the same data in the same
// run as the reference (ratios, since these machines are noisy):
//   random forest, 100 trees, on 100,000 x 20 and 20,000 x 15 (held-out ROC-AUC of both,
//     ours from vote fractions of all trees), and ml-random-forest 2.1.0 — the library the design
//     names — per tree on 2,000 x 15, the route not taken;
//   gradient-boosted trees (the churn model's second model), 100 rounds on 100,000 x 20, against
//     HistGradientBoostingClassifier with the same depth, leaf size, bins and L2;
//   k-means (ours, greedy k-means++, k = 5) on 100,000 x 8, against KMeans (lloyd, n_init = 1),
//     and ml-kmeans 7.0.1 — the library the design names — on the same data;
//   BG/NBD on the CDNOW sample, against the same likelihood minimised by SciPy's Nelder-Mead.
// scikit-learn runs through /usr/bin/python3 (Debian's python3-sklearn) on one thread; the data
// go to a temporary folder as raw float64. Without it, only our figures print.
// Env: BENCH_ML_TREES (ml-random-forest trees, default 10; ~1.4 s a tree), BENCH_SKIP_ML=1.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { RandomForestClassifier as MlForest } from 'ml-random-forest';
import { sharedDataDir } from '../../test/requirements.ts';
import { GradientBoostingClassifier } from '../src/boosting/gbm.ts';
import { fitBgNbd, type Summary } from '../src/clv/bgnbd.ts';
import { rocAuc } from '../src/evaluate.ts';
import { RandomForestClassifier } from '../src/forest/index.ts';
import { createRng } from '../src/random.ts';
import { kmeans } from '../src/segments/kmeans.ts';

interface Data {
  X: number[][];
  y: number[];
}

/** 5 informative features (linear, an interaction, a sine) plus noise; logistic labels. */
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

/** n points around k centres in p dimensions. */
function blobs(n: number, p: number, k: number, seed: number): number[][] {
  const rng = createRng(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: p }, () => rng.next() * 10));
  return Array.from({ length: n }, (_, i) =>
    centres[i % k]!.map((c) => c + (rng.next() + rng.next() + rng.next() - 1.5)),
  );
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, (performance.now() - t0) / 1000];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const python = '/usr/bin/python3';
const hasSklearn =
  existsSync(python) &&
  spawnSync(python, ['-c', 'import sklearn, scipy'], { stdio: 'ignore' }).status === 0;
const folder = mkdtempSync(path.join(tmpdir(), 'bench-ml-'));
const manifest: Record<string, unknown> & { tasks: Record<string, unknown>[] } = { tasks: [] };

function save(name: string, rows: number[][]) {
  const p = rows[0]?.length ?? 0;
  const buf = new Float64Array(rows.length * p);
  for (let i = 0; i < rows.length; i++) buf.set(rows[i]!, i * p);
  writeFileSync(path.join(folder, `${name}.f64`), Buffer.from(buf.buffer));
  manifest[name] = [rows.length, p];
}
const saveData = (name: string, d: Data) => {
  save(`${name}_X`, d.X);
  save(
    `${name}_y`,
    d.y.map((v) => [v]),
  );
};

interface Ours {
  id: string;
  what: string;
  fit: number;
  detail: string;
}
const ours: Ours[] = [];
const fmt = (s: number) => `${s.toFixed(2)} s`;

// Random forest. The data sets are kept: gradient boosting fits the larger one too.
const trees = 100;
const sets = new Map<string, { train: Data; test: Data }>();
for (const [n, p] of [
  [20_000, 15],
  [100_000, 20],
] as const) {
  const id = `forest_${n}x${p}`;
  const train = synthetic(n, p, 7);
  const test = synthetic(20_000, p, 8);
  saveData(`${id}_train`, train);
  saveData(`${id}_test`, test);
  sets.set(id, { train, test });
  manifest.tasks.push({ id, kind: 'forest', train: `${id}_train`, test: `${id}_test`, trees });
  const rf = new RandomForestClassifier({ nEstimators: trees, seed: 1 });
  const [, fit] = time(() => rf.train(train.X, train.y));
  const auc = rocAuc(test.y, rf.predictProbability(test.X, 1, 'votes'));
  const meanAuc = rocAuc(test.y, rf.predictProbability(test.X, 1, 'mean'));
  ours.push({
    id,
    what: `random forest, ${trees} trees, ${n.toLocaleString('en')} x ${p}`,
    fit,
    detail: `held-out AUC ${auc.toFixed(4)} from vote fractions, ${meanAuc.toFixed(4)} from mean leaf proportions`,
  });
  console.log(`ours: ${ours.at(-1)!.what}: ${fmt(fit)}, ${ours.at(-1)!.detail}`);
}

// Gradient boosting, fixed rounds (no early stopping) so both sides do the same work.
{
  const id = 'boosting_100000x20';
  const o = { maxRounds: 100, learningRate: 0.1, maxDepth: 4, minLeaf: 20, maxBins: 64 };
  manifest.tasks.push({
    id,
    kind: 'boosting',
    train: 'forest_100000x20_train',
    test: 'forest_100000x20_test',
    rounds: o.maxRounds,
    learningRate: o.learningRate,
    maxDepth: o.maxDepth,
    minLeaf: o.minLeaf,
    maxBins: o.maxBins,
  });
  const { train, test } = sets.get('forest_100000x20')!;
  const gbm = new GradientBoostingClassifier(o);
  const [, fit] = time(() => gbm.train(train.X, train.y));
  const auc = rocAuc(test.y, gbm.predictProbability(test.X));
  ours.push({
    id,
    what: 'gradient boosting, 100 rounds, 100,000 x 20',
    fit,
    detail: `held-out AUC ${auc.toFixed(4)}`,
  });
  console.log(`ours: ${ours.at(-1)!.what}: ${fmt(fit)}, ${ours.at(-1)!.detail}`);
}

// k-means.
{
  const id = 'kmeans_100000x8';
  const X = blobs(100_000, 8, 5, 3);
  save(`${id}_X`, X);
  manifest.tasks.push({ id, kind: 'kmeans', data: id, k: 5 });
  const [fitted, fit] = time(() => kmeans(X, 5, { seed: 1 }));
  ours.push({
    id,
    what: 'k-means, k = 5, 100,000 x 8',
    fit,
    detail: `${fitted.iterations} iterations, inertia ${fitted.inertia.toFixed(1)}`,
  });
  console.log(`ours: ${ours.at(-1)!.what}: ${fmt(fit)}, ${ours.at(-1)!.detail}`);
  const [library, libraryFit] = time(() =>
    mlKmeans(X, 5, { seed: 1, initialization: 'kmeans++', maxIterations: 300 }),
  );
  const libraryInertia = X.reduce(
    (a, row, i) =>
      a + row.reduce((s, v, f) => s + (v - library.centroids[library.clusters[i]!]![f]!) ** 2, 0),
    0,
  );
  console.log(
    `ml-kmeans 7.0.1, same data: ${fmt(libraryFit)}, ${library.iterations} iterations, inertia ${libraryInertia.toFixed(1)} (${(libraryFit / fit).toFixed(1)}x ours)`,
  );
}

// BG/NBD on the CDNOW sample.
const cdnow = path.join(sharedDataDir, 'cdnow', 'cdnow_customers_summary.csv');
if (existsSync(cdnow)) {
  const id = 'bgnbd_cdnow';
  const rows = readFileSync(cdnow, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(',').map(Number));
  const summaries: Summary[] = rows.map((r) => ({ x: r[1]!, tx: r[2]!, T: r[3]! }));
  save(
    `${id}_X`,
    summaries.map((s) => [s.x, s.tx, s.T]),
  );
  manifest.tasks.push({ id, kind: 'bgnbd', data: id });
  const [fitted, fit] = time(() => fitBgNbd(summaries));
  const { r, alpha, a, b } = fitted.params;
  ours.push({
    id,
    what: `BG/NBD, CDNOW sample (${summaries.length.toLocaleString('en')} customers)`,
    fit,
    detail: `r ${r.toFixed(4)} alpha ${alpha.toFixed(4)} a ${a.toFixed(4)} b ${b.toFixed(4)} LL ${fitted.logLikelihood.toFixed(2)}`,
  });
  console.log(`ours: ${ours.at(-1)!.what}: ${fmt(fit)}, ${ours.at(-1)!.detail}`);
} else {
  console.log(`BG/NBD skipped: ${cdnow} is missing`);
}

// The route not taken: ml-random-forest as published, per tree, on a size it can handle.
if (process.env.BENCH_SKIP_ML !== '1') {
  const mlTrees = Number(process.env.BENCH_ML_TREES ?? 10);
  const train = synthetic(2_000, 15, 7);
  const test = synthetic(20_000, 15, 8);
  const mine = new RandomForestClassifier({ nEstimators: trees, seed: 1 });
  const [, mineFit] = time(() => mine.train(train.X, train.y));
  const theirs = new MlForest({
    nEstimators: mlTrees,
    seed: 1,
    maxFeatures: 14 / 15,
    replacement: false,
    noOOB: true,
  });
  const [, theirFit] = time(() => theirs.train(train.X, train.y));
  const votes = theirs.predictionValues(test.X).to2DArray();
  const theirAuc = rocAuc(
    test.y,
    votes.map((v) => v.filter((c) => c === 1).length / mlTrees),
  );
  const mineAuc = rocAuc(test.y, mine.predictProbability(test.X, 1));
  const ratio = theirFit / mlTrees / (mineFit / trees);
  console.log(
    `2,000 x 15 per tree: ml-random-forest ${((1000 * theirFit) / mlTrees).toFixed(0)} ms (AUC ${theirAuc.toFixed(4)}, ${mlTrees} trees) vs ours ${((1000 * mineFit) / trees).toFixed(1)} ms (AUC ${mineAuc.toFixed(4)}): ml-random-forest / ours = ${ratio.toFixed(0)}x`,
  );
}

if (hasSklearn) {
  writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(manifest));
  console.log('scikit-learn (one thread) on the same data...');
  const out = execFileSync(python, [path.join(here, 'sklearn-reference.py'), folder], {
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const reference = new Map<string, Record<string, number>>(
    out
      .trim()
      .split('\n')
      .map((l) => {
        const r = JSON.parse(l) as Record<string, number> & { id: string };
        return [r.id, r];
      }),
  );
  console.log(
    '\nfigure                                              ours      reference   ours/reference',
  );
  for (const o of ours) {
    const r = reference.get(o.id);
    if (!r) continue;
    const extra =
      r.auc !== undefined
        ? `AUC ${r.auc.toFixed(4)}`
        : r.r !== undefined
          ? `r ${r.r.toFixed(4)} alpha ${r.alpha!.toFixed(4)} a ${r.a!.toFixed(4)} b ${r.b!.toFixed(4)} LL ${r.logLikelihood!.toFixed(2)}`
          : `${r.iterations} iterations`;
    console.log(
      `${o.what.padEnd(50)} ${fmt(o.fit).padStart(9)} ${fmt(r.fit!).padStart(11)} ${(o.fit / r.fit!).toFixed(2).padStart(8)}x   (reference: ${extra}; ours: ${o.detail})`,
    );
  }
} else {
  console.log(
    `scikit-learn not found at ${python} (apt-get install python3-sklearn): no reference ratios`,
  );
}
rmSync(folder, { recursive: true, force: true });
