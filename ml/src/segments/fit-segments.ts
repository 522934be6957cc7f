// Segmentation on customers' raw features: k-means (kmeans.ts, k-means++ with a fixed seed) on
// standardised features, k chosen by the mean silhouette on a seeded sample, segments named
// from their centroids; DBSCAN on the sample flags the outliers. The server's job
// (server/src/ml/segments/train-segments.ts) reads the features and stores the result.
import type { ModelSegmentName } from '@retention/contracts';
import { createRng } from '../random.ts';
import { type Scaling, standardise } from './features.ts';
import { kmeans } from './kmeans.ts';
import { fitOutliers, isOutlier, type OutlierModel } from './outliers.ts';
import { silhouette } from './silhouette.ts';

export interface SegmentsFitOptions {
  kMin: number;
  kMax: number;
  seed: number;
}

const sampleSize = 3000;

function sampleIndexes(n: number, size: number, seed: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= size) return all;
  const random = createRng(seed).next;
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    [all[i], all[j]] = [all[j] as number, all[i] as number];
  }
  return all.slice(0, size);
}

/** A plain name from a centroid in standard units (0 = an average customer). */
export function nameOf(z: number[]): ModelSegmentName {
  const [recency = 0, orders = 0, revenue = 0, tenure = 0, value = 0, events = 0] = z;
  if (recency > 0.4) return revenue > 0 ? 'Lapsed regulars' : 'Lapsed one-off buyers';
  if (tenure < -0.8 && orders < 0) return 'Newcomers';
  if (orders > 0.8 && revenue > 0.8) return 'Loyal high spenders';
  if (value > 0.8) return 'Big-basket buyers';
  if (events > 0.8) return 'Engaged browsers';
  if (orders > 0.3) return 'Regulars';
  if (recency < -0.5) return 'Recent buyers';
  return 'Occasional buyers';
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    return count === 1 ? n : `${n} ${count}`;
  });
}

export interface SegmentsFit {
  /** Standardised rows, in the order of the input. */
  data: number[][];
  scaling: Scaling;
  sampleSize: number;
  silhouette: { k: number; silhouette: number }[];
  k: number;
  /** Each row's cluster, an index into names and centroids. */
  clusters: number[];
  centroids: number[][];
  names: string[];
  outliers: OutlierModel;
  /** Whether each row is an outlier. */
  outlier: boolean[];
}

export function fitSegments(
  raw: number[][],
  o: SegmentsFitOptions,
  say: (message: string) => void,
): SegmentsFit {
  const { kMin, kMax, seed } = o;
  const { data, scaling } = standardise(raw);
  const sample = sampleIndexes(data.length, sampleSize, seed).map((i) => data[i] as number[]);
  const scores: { k: number; silhouette: number }[] = [];
  for (let k = kMin; k <= kMax; k++) {
    const fit = kmeans(sample, k, { seed });
    scores.push({ k, silhouette: silhouette(sample, fit.clusters, k) });
    say(`k=${k}: silhouette ${(scores.at(-1)?.silhouette ?? 0).toFixed(3)}`);
  }
  const best = scores.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
  const fit = kmeans(data, best.k, { seed });
  const names = uniqueNames(fit.centroids.map(nameOf));
  say(`chose k=${best.k}: ${names.join(', ')}`);
  const outliers = fitOutliers(sample);
  const outlier = data.map((z) => isOutlier(outliers, z));
  const outlierCount = outlier.filter(Boolean).length;
  say(
    `DBSCAN: eps ${outliers.eps.toFixed(3)}, minPts ${outliers.minPts}: ${outliers.clusters} dense clusters in the sample, ${outlierCount} outliers of ${data.length}`,
  );
  return {
    data,
    scaling,
    sampleSize: sample.length,
    silhouette: scores,
    k: best.k,
    clusters: fit.clusters,
    centroids: fit.centroids,
    names,
    outliers,
    outlier,
  };
}
