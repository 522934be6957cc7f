// Mean silhouette coefficient (Euclidean): how much closer points are to their own cluster
// than to the next one, from -1 to 1. O(n²): callers pass a sample.
import { distance } from './distance.ts';

export function silhouette(points: number[][], labels: number[], k: number): number {
  let total = 0;
  let counted = 0;
  const sizes = new Array<number>(k).fill(0);
  for (const l of labels) sizes[l] = (sizes[l] as number) + 1;
  for (let i = 0; i < points.length; i++) {
    const own = labels[i] as number;
    if ((sizes[own] as number) < 2) continue; // a singleton's silhouette is 0 by convention
    const sums = new Array<number>(k).fill(0);
    for (let j = 0; j < points.length; j++) {
      if (i === j) continue;
      const l = labels[j] as number;
      sums[l] = (sums[l] as number) + distance(points[i] as number[], points[j] as number[]);
    }
    const a = (sums[own] as number) / ((sizes[own] as number) - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      if (c !== own && (sizes[c] as number) > 0)
        b = Math.min(b, (sums[c] as number) / (sizes[c] as number));
    }
    total += b === Number.POSITIVE_INFINITY ? 0 : (b - a) / Math.max(a, b);
    counted++;
  }
  return counted ? total / points.length : 0;
}
