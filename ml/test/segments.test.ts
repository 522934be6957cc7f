// Segmentation's pure parts: segment names from centroids and DBSCAN outliers on hand-made
// data. The job on a demo business is tested through the server (server/test/ml-segments.test.ts).
import { describe, expect, it } from 'vitest';
import { createRng } from '../src/random.ts';
import { nameOf } from '../src/segments/fit-segments.ts';
import { fitOutliers, isOutlier } from '../src/segments/outliers.ts';

describe('segment names', () => {
  it('names centroids in plain words', () => {
    expect(nameOf([1.2, -0.5, -0.8, 0.3, -0.2, -0.5])).toBe('Lapsed one-off buyers');
    expect(nameOf([-0.9, 1.1, 1.3, 0.8, 0.2, 0.5])).toBe('Loyal high spenders');
    expect(nameOf([-0.6, -0.4, -0.6, -1.2, 0, 0])).toBe('Newcomers');
  });
});

describe('DBSCAN outliers', () => {
  it('keeps dense groups, flags isolated points, and judges the sample as the library does', () => {
    const rng = createRng(3);
    const blob = (cx: number, cy: number) =>
      Array.from({ length: 60 }, () => [cx + rng.next() * 0.5, cy + rng.next() * 0.5]);
    const far = [
      [10, 10],
      [-8, 3],
    ];
    const points = [...blob(0, 0), ...blob(3, 3), ...far];
    const model = fitOutliers(points, 0.95);
    expect(model.minPts).toBe(4);
    expect(model.clusters).toBe(2);
    const flagged = points.flatMap((p, i) => (isOutlier(model, p) ? [i] : []));
    expect(flagged).toEqual(expect.arrayContaining([120, 121]));
    expect(flagged.length).toBe(model.sampleNoise);
    expect(isOutlier(model, [0.2, 0.2])).toBe(false);
    expect(isOutlier(model, [50, -50])).toBe(true);
  });
});
