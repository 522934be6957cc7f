// The segmentation job: the customers' features as of a day, segmented by @retention/ml's
// fitSegments (k-means with k by silhouette, names from centroids, DBSCAN outliers). Writes one
// model_runs row and each customer's segment (and, for an outlier, the feature that makes it
// unusual).
import type { Database } from '@retention/db';
import { fitSegments, mostUnusual, segmentFeatureNames } from '@retention/ml';
import { isoOf } from '../../analytics/periods.ts';
import { recordRun, writeScores } from '../model-run.ts';
import { NotEnoughData } from '../not-enough-data.ts';
import { featuresAsOf } from './features-as-of.ts';

export interface SegmentsOptions {
  asOf: number;
  kMin?: number;
  kMax?: number;
  seed?: number;
  onProgress?: (message: string) => void;
  /** Called with the model run's id as soon as the run is recorded. */
  onStart?: (modelRunId: number) => void;
}

export async function trainSegments(db: Database, o: SegmentsOptions) {
  const kMin = o.kMin ?? 3;
  const kMax = o.kMax ?? 8;
  const seed = o.seed ?? 42;
  const say = o.onProgress ?? (() => {});
  const parameters = { kMin, kMax, seed, features: [...segmentFeatureNames] };
  return recordRun(
    db,
    { kind: 'segments', asOf: o.asOf, parameters, onStart: o.onStart },
    async (runId) => {
      const customers = await featuresAsOf(db, o.asOf);
      if (customers.length < kMax * 10) {
        throw new NotEnoughData('segmentsTooFew', {
          needed: kMax * 10,
          asOf: isoOf(o.asOf),
          found: customers.length,
        });
      }
      const fit = fitSegments(
        customers.map((c) => c.raw),
        { kMin, kMax, seed },
        say,
      );
      const { data, names, outliers, outlier } = fit;
      const segmentOf = fit.clusters.map((c) => names[c] as string);
      const outlierCount = outlier.filter(Boolean).length;
      const detailsOf = (i: number) => {
        if (!outlier[i]) return undefined;
        const { index, z } = mostUnusual(data[i] as number[]);
        return {
          outlier: true,
          unusual: segmentFeatureNames[index] as string,
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
          centroid: Object.fromEntries(
            segmentFeatureNames.map((f, i) => [f, fit.centroids[c]?.[i] ?? 0]),
          ),
          means: Object.fromEntries(segmentFeatureNames.map((f, i) => [f, mean(i)])),
        };
      });
      return {
        metrics: {
          customers: customers.length,
          k: fit.k,
          silhouette: fit.silhouette,
          profiles,
          dbscan: {
            eps: outliers.eps,
            minPts: outliers.minPts,
            epsRule: '90th percentile of the distance to the minPts-th neighbour in the sample',
            sample: fit.sampleSize,
            sampleClusters: outliers.clusters,
            sampleNoise: outliers.sampleNoise,
            outliers: outlierCount,
          },
        },
        artefact: { centroids: fit.centroids, scaling: fit.scaling, names },
      };
    },
  );
}
