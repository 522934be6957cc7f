// Input checks shared by the models: a rectangular matrix of finite numbers (copied row-major
// into a Float64Array) and integer class labels.

/** Row-major copy of X after checking it is a non-empty, rectangular, finite matrix. */
export function toMatrix(X: readonly (readonly number[])[], p?: number): Float64Array {
  if (!Array.isArray(X) || X.length === 0) throw new Error('X must be a non-empty array of rows');
  const first = X[0];
  const width = p ?? (Array.isArray(first) ? first.length : 0);
  if (width === 0) throw new Error('X rows must have at least one feature');
  const out = new Float64Array(X.length * width);
  for (let r = 0; r < X.length; r++) {
    const row = X[r];
    if (!Array.isArray(row) || row.length !== width) {
      const len = Array.isArray(row) ? row.length : typeof row;
      throw new Error(`X row ${r} has ${len} values, expected ${width}`);
    }
    for (let f = 0; f < width; f++) {
      const v = row[f] as number;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new Error(`X[${r}][${f}] is ${String(v)}; features must be finite numbers`);
      }
      out[r * width + f] = v;
    }
  }
  return out;
}

export function toLabels(y: readonly number[], n: number): { y: Int32Array; k: number } {
  if (!Array.isArray(y) || y.length !== n) {
    throw new Error(`y has ${Array.isArray(y) ? y.length : 0} labels but X has ${n} rows`);
  }
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    if (!Number.isInteger(v) || v < 0 || v > 255) {
      throw new Error(`y[${i}] is ${String(v)}; labels must be integer class ids 0..255`);
    }
    out[i] = v;
    if (v + 1 > k) k = v + 1;
  }
  return { y: out, k: Math.max(k, 2) };
}
