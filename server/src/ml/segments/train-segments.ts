// The segmentation job: k-means (ml-kmeans, k-means++ with a fixed seed) on standardised
// features, k chosen by the mean silhouette on a seeded sample, segments named from their
// centroids; DBSCAN flags the outliers. Writes one model_runs row and each customer's segment
// (and, for an outlier, the feature that makes it unusual).
import type { Database } from '@retention/db';
import { kmeans } from 'ml-kmeans';
import { isoOf } from '../../analytics/periods.ts';
import { recordRun, writeScores } from '../model-run.ts';
import { createRng } from '../random.ts';
import { featureNames, featuresAsOf, standardise } from './features.ts';
import { fitOutliers, isOutlier, mostUnusual } from './outliers.ts';
import { silhouette } from './silhouette.ts';

export interface SegmentsOptions {
  asOf: number;
  kMin?: number;
  kMax?: number;
  seed?: number;
  onProgress?: (message: string) => void;
  /** Called with the model run's id as soon as the run is recorded. */
  onStart?: (modelRunId: number) => void;
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
export function nameOf(z: number[]): string {
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

export async function trainSegments(db: Database, o: SegmentsOptions) {
  const kMin = o.kMin ?? 3;
  const kMax = o.kMax ?? 8;
  const seed = o.seed ?? 42;
  const say = o.onProgress ?? (() => {});
  const parameters = { kMin, kMax, seed, features: [...featureNames] };
  return recordRun(
    db,
    { kind: 'segments', asOf: o.asOf, parameters, onStart: o.onStart },
    async (runId) => {
      const customers = await featuresAsOf(db, o.asOf);
      if (customers.length < kMax * 10) {
        throw new Error(
          `segmentation needs at least ${kMax * 10} customers with orders up to ${isoOf(o.asOf)}; found ${customers.length}`,
        );
      }
      const { data, scaling } = standardise(customers.map((c) => c.raw));
      const sample = sampleIndexes(data.length, sampleSize, seed).map((i) => data[i] as number[]);
      const scores: { k: number; silhouette: number }[] = [];
      for (let k = kMin; k <= kMax; k++) {
        const fit = kmeans(sample, k, { seed, initialization: 'kmeans++', maxIterations: 300 });
        scores.push({ k, silhouette: silhouette(sample, fit.clusters, k) });
        say(`k=${k}: silhouette ${(scores.at(-1)?.silhouette ?? 0).toFixed(3)}`);
      }
      const best = scores.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
      const fit = kmeans(data, best.k, { seed, initialization: 'kmeans++', maxIterations: 300 });
      const names = uniqueNames(fit.centroids.map(nameOf));
      say(`chose k=${best.k}: ${names.join(', ')}`);
      const segmentOf = fit.clusters.map((c) => names[c] as string);
      const outliers = fitOutliers(sample);
      const outlier = data.map((z) => isOutlier(outliers, z));
      const outlierCount = outlier.filter(Boolean).length;
      say(
        `DBSCAN: eps ${outliers.eps.toFixed(3)}, minPts ${outliers.minPts}: ${outliers.clusters} dense clusters in the sample, ${outlierCount} outliers of ${data.length}`,
      );
      const detailsOf = (i: number) => {
        if (!outlier[i]) return undefined;
        const { index, z } = mostUnusual(data[i] as number[]);
        return {
          outlier: true,
          unusual: featureNames[index] as string,
          z: Math.round(z * 100) / 100,
        };
      };
      await writeScores(
        db,
        runId,
        customers.map((c, i) => ({
          customerId: c.customerId,
          segment: segmentOf[i] as string,
          details: detailsOf(i),
        })),
      );
      const profiles = names.map((name, c) => {
        const members = customers.filter((_, i) => fit.clusters[i] === c);
        const mean = (f: number) =>
          members.reduce((a, m) => a + (m.raw[f] as number), 0) / (members.length || 1);
        return {
          name,
          size: members.length,
          outliers: fit.clusters.filter((x, i) => x === c && outlier[i]).length,
          centroid: Object.fromEntries(featureNames.map((f, i) => [f, fit.centroids[c]?.[i] ?? 0])),
          means: Object.fromEntries(featureNames.map((f, i) => [f, mean(i)])),
        };
      });
      return {
        metrics: {
          customers: customers.length,
          k: best.k,
          silhouette: scores,
          profiles,
          dbscan: {
            eps: outliers.eps,
            minPts: outliers.minPts,
            epsRule: '90th percentile of the distance to the minPts-th neighbour in the sample',
            sample: sample.length,
            sampleClusters: outliers.clusters,
            sampleNoise: outliers.sampleNoise,
            outliers: outlierCount,
          },
        },
        artefact: { centroids: fit.centroids, scaling, names },
      };
    },
  );
}
