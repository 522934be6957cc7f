// Outliers by DBSCAN (density-clustering) on the standardised features: run on the seeded
// sample, with minPts = 2 × features and eps at the 90th percentile of the distance to the
// minPts-th neighbour (the k-distance rule of the DBSCAN paper; on the demo business it flags
// about 2% of customers, where the 98th flags almost none). Every customer is then judged
// as DBSCAN judges a point: not an outlier when within eps of a core point of the sample.
// On the sample this is exactly DBSCAN's noise.
import { DBSCAN } from 'density-clustering';
import { distance } from './distance.ts';

export interface OutlierModel {
  eps: number;
  minPts: number;
  /** Density clusters DBSCAN found in the sample, and its noise points. */
  clusters: number;
  sampleNoise: number;
  cores: number[][];
}

/** The k-th smallest distance from each point to the points of the set (itself included, at 0). */
function kDistances(points: number[][], k: number): number[] {
  const kk = Math.min(k, points.length);
  const best = new Float64Array(kk);
  return points.map((p) => {
    // The kk smallest distances so far, ascending (insertion into a short sorted array).
    best.fill(Number.POSITIVE_INFINITY);
    for (const q of points) {
      const d = distance(p, q);
      if (d >= (best[kk - 1] as number)) continue;
      let i = kk - 1;
      while (i > 0 && (best[i - 1] as number) > d) {
        best[i] = best[i - 1] as number;
        i--;
      }
      best[i] = d;
    }
    return best[kk - 1] as number;
  });
}

export function fitOutliers(sample: number[][], quantile = 0.9): OutlierModel {
  const minPts = 2 * (sample[0]?.length ?? 1);
  const kd = kDistances(sample, minPts);
  const sorted = [...kd].sort((a, b) => a - b);
  // The library counts neighbours at distance < eps; a hair above the quantile keeps the
  // points at exactly that distance as core points.
  const eps = (sorted[Math.floor(quantile * (sorted.length - 1))] as number) * (1 + 1e-9) + 1e-12;
  const db = new DBSCAN();
  const clusters = db.run(sample, eps, minPts);
  const assigned = new Set(clusters.flat());
  const cores = sample.filter((_, i) => (kd[i] as number) < eps);
  return {
    eps,
    minPts,
    clusters: clusters.length,
    sampleNoise: sample.length - assigned.size,
    cores,
  };
}

export function isOutlier(model: OutlierModel, point: readonly number[]): boolean {
  for (const c of model.cores) if (distance(c, point) < model.eps) return false;
  return true;
}

/** The feature furthest from average (in standard units), for saying why a point is unusual. */
export function mostUnusual(point: readonly number[]): { index: number; z: number } {
  let index = 0;
  for (let i = 1; i < point.length; i++) {
    if (Math.abs(point[i] as number) > Math.abs(point[index] as number)) index = i;
  }
  return { index, z: point[index] as number };
}
