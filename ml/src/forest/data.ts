// The column-major, presorted layout the tree builder works on.
import { toLabels, toMatrix } from '../matrix.ts';

export interface Dataset {
  n: number;
  p: number;
  /** Number of classes: labels are 0..k-1. */
  k: number;
  /** Column-major values: feature f of row r is cols[f * n + r]. */
  cols: Float64Array;
  y: Int32Array;
  /** For feature f, sorted[f * n .. f * n + n) holds the rows in ascending order of value. */
  sorted: Int32Array;
  /** Dense rank of each value within its column (same layout as cols): equal values, equal rank. */
  ranks: Int32Array;
}

export function buildDataset(
  X: readonly (readonly number[])[],
  labels: readonly number[],
): Dataset {
  const rows = toMatrix(X);
  const n = X.length;
  const p = rows.length / n;
  const { y, k } = toLabels(labels, n);
  const cols = new Float64Array(n * p);
  for (let r = 0; r < n; r++) for (let f = 0; f < p; f++) cols[f * n + r] = rows[r * p + f]!;
  const sorted = new Int32Array(n * p);
  const ranks = new Int32Array(n * p);
  const idx = new Int32Array(n);
  for (let f = 0; f < p; f++) {
    const base = f * n;
    for (let r = 0; r < n; r++) idx[r] = r;
    // Ties broken by row id so the order (and so the forest) does not depend on the engine's sort.
    idx.sort((a, b) => cols[base + a]! - cols[base + b]! || a - b);
    sorted.set(idx, base);
    let rank = 0;
    for (let i = 0; i < n; i++) {
      if (i > 0 && cols[base + idx[i]!]! !== cols[base + idx[i - 1]!]!) rank++;
      ranks[base + idx[i]!] = rank;
    }
  }
  return { n, p, k, cols, y, sorted, ranks };
}
