// k-means (segments/kmeans.ts): planted clusters found, the answer a fixed point of Lloyd's
// step, and the same answer for the same seed.
import { describe, expect, it } from 'vitest';
import { createRng } from '../src/random.ts';
import { kmeans } from '../src/segments/kmeans.ts';

const d2 = (a: number[], b: number[]) => a.reduce((s, v, f) => s + (v - (b[f] as number)) ** 2, 0);

/** `n` rows around each of `centres`, uniform noise of half-width `spread`. */
function blobs(centres: number[][], n: number, spread: number, seed: number): number[][] {
  const rng = createRng(seed);
  return centres.flatMap((c) =>
    Array.from({ length: n }, () => c.map((v) => v + (rng.next() * 2 - 1) * spread)),
  );
}

describe('k-means', () => {
  it('finds planted clusters: each centre within 0.05 of a planted one, each blob one cluster', () => {
    const planted = [
      [0, 0, 0],
      [5, 5, 0],
      [0, 5, 5],
      [5, 0, 5],
    ];
    const rows = blobs(planted, 500, 1, 11);
    const fit = kmeans(rows, 4, { seed: 3 });
    for (const c of fit.centroids) {
      expect(Math.min(...planted.map((p) => Math.sqrt(d2(c, p))))).toBeLessThan(0.05);
    }
    for (let b = 0; b < planted.length; b++) {
      const labels = new Set(fit.clusters.slice(b * 500, b * 500 + 500));
      expect(labels.size).toBe(1);
    }
    expect(fit.iterations).toBeLessThan(10);
  });

  it('ends at a fixed point of Lloyd’s step, with the inertia of its answer', () => {
    const rng = createRng(5);
    const rows = Array.from({ length: 3_000 }, () => [rng.next(), rng.next(), rng.next() * 2]);
    const k = 6;
    const fit = kmeans(rows, k, { seed: 9, tolerance: 0 });
    let inertia = 0;
    const sums = Array.from({ length: k }, () => [0, 0, 0]);
    const counts = new Array(k).fill(0);
    rows.forEach((r, i) => {
      const own = fit.clusters[i] as number;
      const distances = fit.centroids.map((c) => d2(r, c));
      // Every row is in the cluster of its nearest centre.
      expect(distances[own]).toBeCloseTo(Math.min(...distances), 12);
      inertia += distances[own] as number;
      counts[own]++;
      const sum = sums[own] as number[];
      r.forEach((v, f) => {
        sum[f] = (sum[f] as number) + v;
      });
    });
    // Every centre is the mean of its rows.
    fit.centroids.forEach((c, j) => {
      expect(counts[j]).toBeGreaterThan(0);
      c.forEach((v, f) => {
        expect(v).toBeCloseTo((sums[j] as number[])[f]! / counts[j], 9);
      });
    });
    expect(fit.inertia).toBeCloseTo(inertia, 6);
  });

  it('gives the same answer for the same seed', () => {
    const rng = createRng(8);
    const rows = Array.from({ length: 1_000 }, () => [rng.next(), rng.next()]);
    expect(kmeans(rows, 5, { seed: 2 })).toEqual(kmeans(rows, 5, { seed: 2 }));
    expect(() => kmeans(rows.slice(0, 3), 5, { seed: 2 })).toThrow(/at least k = 5 rows/);
  });
});
