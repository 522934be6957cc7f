// A fitted CART tree, stored flat in typed arrays, and the walk from a row to its leaf.

export interface TreeParams {
  /** Features tried per split (already resolved to a count, 1..p). */
  mtry: number;
  maxDepth: number;
  /** A node with less rows than this is a leaf. Rows are distinct rows of the bag: a row
   * drawn twice by the bootstrap counts once (scikit-learn's min_samples_split/leaf). */
  minNumSamples: number;
  /** Each child of a split must keep at least this many rows. */
  minLeaf: number;
}

/** Node i is a leaf when feature[i] < 0; value holds its k class proportions (k per node). */
export interface Tree {
  k: number;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

/** Index of the leaf that row `x[offset .. offset+p)` falls in (x[f] <= threshold goes left). */
export function leafIndex(t: Tree, x: Float64Array, offset: number): number {
  let node = 0;
  for (let f = t.feature[0]!; f >= 0; f = t.feature[node]!) {
    node = x[offset + f]! <= t.threshold[node]! ? t.left[node]! : t.right[node]!;
  }
  return node;
}
