// k-means: Lloyd's iterations from a greedy k-means++ start, as scikit-learn's KMeans does
// (algorithm "lloyd", n_init 1): each new centre is the best of 2 + ln k candidates drawn in
// proportion to the squared distance to the nearest centre so far; iterations stop when no
// point changes cluster or the centres move less than `tolerance` × the mean feature variance
// (summed squared shift). The rows are copied once into one Float64Array, so an iteration is
// a tight loop over n × k × p numbers. ml-kmeans, the library the design names, took 18.7
// times scikit-learn's time on 100,000 × 8 (bench:ml).
import { createRng, type Rng } from '../random.ts';

export interface KMeansOptions {
  seed: number;
  /** Default 300. */
  maxIterations?: number;
  /** Relative to the mean variance of the features; default 1e-4 (scikit-learn's). */
  tolerance?: number;
}

export interface KMeansFit {
  /** Each row's cluster, 0 to k − 1. */
  clusters: number[];
  centroids: number[][];
  iterations: number;
  /** Sum of squared distances of the rows to their centroids. */
  inertia: number;
}

/** Squared distance between row i of `x` and row j of `c`, both `p` wide. */
function distance2(x: Float64Array, i: number, c: Float64Array, j: number, p: number): number {
  let d = 0;
  const a = i * p;
  const b = j * p;
  for (let f = 0; f < p; f++) {
    const t = (x[a + f] as number) - (c[b + f] as number);
    d += t * t;
  }
  return d;
}

/**
 * Greedy k-means++: k centres, each the best of a few candidate rows drawn in proportion to
 * their squared distance to the nearest centre so far (the candidates tried in one pass).
 */
function seedCentres(x: Float64Array, n: number, p: number, k: number, rng: Rng): Float64Array {
  const centres = new Float64Array(k * p);
  const take = (row: number, j: number) => centres.set(x.subarray(row * p, row * p + p), j * p);
  take(rng.int(n), 0);
  let closest: Float64Array = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = distance2(x, i, centres, 0, p);
    potential += closest[i] as number;
  }
  const trials = 2 + Math.floor(Math.log(k));
  const candidates = new Float64Array(trials * p);
  // Each trial's closest distances, were its candidate taken.
  const tried: Float64Array[] = Array.from({ length: trials }, () => new Float64Array(n));
  const rows = new Int32Array(trials);
  const sums = new Float64Array(trials);
  for (let j = 1; j < k; j++) {
    const targets = Array.from({ length: trials }, (_, t) => [rng.next() * potential, t] as const);
    targets.sort((a, b) => a[0] - b[0]);
    let row = 0;
    let below = closest[0] as number;
    for (const [target, t] of targets) {
      while (row < n - 1 && target >= below) below += closest[++row] as number;
      rows[t] = row;
      candidates.set(x.subarray(row * p, row * p + p), t * p);
    }
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      const own = closest[i] as number;
      for (let t = 0; t < trials; t++) {
        const d = Math.min(own, distance2(x, i, candidates, t, p));
        (tried[t] as Float64Array)[i] = d;
        sums[t] = (sums[t] as number) + d;
      }
    }
    let best = 0;
    for (let t = 1; t < trials; t++) if ((sums[t] as number) < (sums[best] as number)) best = t;
    take(rows[best] as number, j);
    [closest, tried[best]] = [tried[best] as Float64Array, closest];
    potential = sums[best] as number;
  }
  return centres;
}

/** The rows' mean variance per feature: the scale of the stopping tolerance. */
function meanVariance(x: Float64Array, n: number, p: number): number {
  let total = 0;
  for (let f = 0; f < p; f++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i * p + f] as number;
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += ((x[i * p + f] as number) - mean) ** 2;
    total += v / n;
  }
  return total / p;
}

/** What Lloyd's steps work on: the rows, the centres, each row's cluster and its distance. */
interface Lloyd {
  x: Float64Array;
  centres: Float64Array;
  k: number;
  p: number;
  labels: Int32Array;
  nearest: Float64Array;
}

/** Each row to its nearest centre; returns how many rows changed cluster. */
function assign({ x, centres, k, p, labels, nearest }: Lloyd): number {
  let changed = 0;
  for (let i = 0; i < labels.length; i++) {
    let label = 0;
    let d = distance2(x, i, centres, 0, p);
    for (let j = 1; j < k; j++) {
      const e = distance2(x, i, centres, j, p);
      if (e < d) {
        d = e;
        label = j;
      }
    }
    if (labels[i] !== label) changed++;
    labels[i] = label;
    nearest[i] = d;
  }
  return changed;
}

/** Each centre to the mean of its rows (an empty one to the row farthest from its centre); returns the summed squared shift. */
function moveCentres({ x, centres, k, p, labels, nearest }: Lloyd): number {
  const sums = new Float64Array(k * p);
  const counts = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) {
    const j = labels[i] as number;
    counts[j] = (counts[j] as number) + 1;
    for (let f = 0; f < p; f++)
      sums[j * p + f] = (sums[j * p + f] as number) + (x[i * p + f] as number);
  }
  let shift = 0;
  for (let j = 0; j < k; j++) {
    if (counts[j] === 0) {
      let far = 0;
      for (let i = 1; i < labels.length; i++)
        if ((nearest[i] as number) > (nearest[far] as number)) far = i;
      nearest[far] = 0;
      sums.set(x.subarray(far * p, far * p + p), j * p);
      counts[j] = 1;
    }
    for (let f = 0; f < p; f++) {
      const next = (sums[j * p + f] as number) / (counts[j] as number);
      shift += (next - (centres[j * p + f] as number)) ** 2;
      centres[j * p + f] = next;
    }
  }
  return shift;
}

export function kmeans(rows: number[][], k: number, o: KMeansOptions): KMeansFit {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  if (n < k || k < 1) throw new Error(`k-means needs at least k = ${k} rows, got ${n}`);
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as number[];
    for (let f = 0; f < p; f++) x[i * p + f] = row[f] as number;
  }
  const centres = seedCentres(x, n, p, k, createRng(o.seed));
  const tolerance = (o.tolerance ?? 1e-4) * meanVariance(x, n, p);
  const maxIterations = o.maxIterations ?? 300;
  const state: Lloyd = {
    x,
    centres,
    k,
    p,
    labels: new Int32Array(n).fill(-1),
    nearest: new Float64Array(n),
  };
  const { labels, nearest } = state;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    if (assign(state) === 0) break;
    if (moveCentres(state) <= tolerance) {
      // Moved too little to go on: the rows' clusters under the final centres.
      assign(state);
      break;
    }
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += nearest[i] as number;
  const centroids = Array.from({ length: k }, (_, j) =>
    Array.from(centres.subarray(j * p, j * p + p)),
  );
  return { clusters: Array.from(labels), centroids, iterations, inertia };
}
