// Growing one CART classification tree (Gini) on a bootstrap given as per-row counts.
// Every feature keeps its node's rows in ascending order of value — presorted once per forest,
// then stably partitioned at each split — so trying a feature is one sweep with running class
// counts: O(rows in node), not a re-partition of the column for every threshold. Each row
// travels with its value's rank (4 bytes, not an 8-byte value) so the sweep reads in order;
// only the small per-row code array is read at random.

import type { Rng } from '../random.ts';
import type { Dataset } from './data.ts';
import type { Tree, TreeParams } from './tree.ts';

/** Buffers reused across the trees of one forest; feature f's block is [f*m, f*m+m). */
export interface Workspace {
  rows: Int32Array;
  ranks: Int32Array;
  tmpRows: Int32Array;
  tmpRanks: Int32Array;
  /** Per row: (bootstrap count << 8) | label. */
  codes: Int32Array;
  goLeft: Uint8Array;
  features: Int32Array;
  counts: Float64Array;
  leftCounts: Float64Array;
}

export function createWorkspace(d: Dataset): Workspace {
  const size = d.n * d.p;
  return {
    rows: new Int32Array(size),
    ranks: new Int32Array(size),
    tmpRows: new Int32Array(d.n),
    tmpRanks: new Int32Array(d.n),
    codes: new Int32Array(d.n),
    goLeft: new Uint8Array(d.n),
    features: Int32Array.from({ length: d.p }, (_, i) => i),
    counts: new Float64Array(d.k),
    leftCounts: new Float64Array(d.k),
  };
}

export function growTree(d: Dataset, w: Int32Array, o: TreeParams, rng: Rng, ws: Workspace): Tree {
  const { n, p, k, cols, y, sorted } = d;
  const { rows, ranks, codes, goLeft, features, counts, leftCounts: lc } = ws;
  let m = 0;
  for (let r = 0; r < n; r++) {
    codes[r] = (w[r]! << 8) | y[r]!;
    if (w[r]! > 0) m++;
  }
  for (let f = 0; f < p; f++) {
    let j = f * m;
    for (let i = f * n, end = i + n; i < end; i++) {
      const r = sorted[i]!;
      if (w[r] === 0) continue;
      rows[j] = r;
      ranks[j++] = d.ranks[f * n + r]!;
    }
  }
  const t = { feature: [] as number[], threshold: [] as number[], left: [] as number[] };
  const right: number[] = [];
  const value: number[] = [];
  const addNode = () => {
    t.feature.push(-1);
    t.threshold.push(0);
    t.left.push(-1);
    right.push(-1);
    for (let c = 0; c < k; c++) value.push(0);
    return right.length - 1;
  };
  const stack: number[] = [addNode(), 0, m, 0]; // node, start, end, depth
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const e = stack.pop()!;
    const s = stack.pop()!;
    const node = stack.pop()!;
    counts.fill(0);
    let W = 0;
    for (let i = s; i < e; i++) {
      const code = codes[rows[i]!]!;
      counts[code & 255]! += code >>> 8;
      W += code >>> 8;
    }
    let classes = 0;
    for (let c = 0; c < k; c++) {
      value[node * k + c] = counts[c]! / W;
      if (counts[c]! > 0) classes++;
    }
    if (classes < 2 || e - s < Math.max(2, o.minNumSamples, 2 * o.minLeaf)) continue;
    if (depth >= o.maxDepth) continue;

    let best = Number.NEGATIVE_INFINITY;
    let bestF = -1;
    let bestPos = -1;
    // As scikit-learn: constant features use up the mtry budget, but the draw goes on until at
    // least one non-constant feature has been tried.
    let found = 0;
    for (let j = 0; j < p && (j < o.mtry || found === 0); j++) {
      const pick = j + rng.int(p - j);
      const f = features[pick]!;
      features[pick] = features[j]!;
      features[j] = f;
      const b = f * m;
      if (ranks[b + s] === ranks[b + e - 1]) continue; // constant in this node
      found++;
      lc.fill(0);
      let lw = 0;
      for (let i = b + s, last = b + e - 1; i < last; i++) {
        const code = codes[rows[i]!]!;
        lc[code & 255]! += code >>> 8;
        lw += code >>> 8;
        if (ranks[i + 1] === ranks[i]) continue;
        if (i - b - s + 1 < o.minLeaf) continue;
        if (last - i < o.minLeaf) break;
        let sl = 0;
        let sr = 0;
        for (let c = 0; c < k; c++) {
          const a = lc[c]!;
          const r = counts[c]! - a;
          sl += a * a;
          sr += r * r;
        }
        const score = sl / lw + sr / (W - lw); // maximising this minimises the children's Gini
        if (score > best) {
          best = score;
          bestF = f;
          bestPos = i - b;
        }
      }
    }
    if (bestF < 0) continue;

    const b = bestF * m;
    const lo = cols[bestF * n + rows[b + bestPos]!]!;
    const hi = cols[bestF * n + rows[b + bestPos + 1]!]!;
    let thr = lo + (hi - lo) / 2;
    if (!(thr >= lo && thr < hi)) thr = lo; // midpoint rounded onto hi, or overflowed
    for (let i = s; i < e; i++) goLeft[rows[b + i]!] = i <= bestPos ? 1 : 0;
    for (let f = 0; f < p; f++) if (f !== bestF) partition(ws, f * m + s, f * m + e);
    const l = addNode();
    const rt = addNode();
    t.feature[node] = bestF;
    t.threshold[node] = thr;
    t.left[node] = l;
    right[node] = rt;
    stack.push(rt, bestPos + 1, e, depth + 1, l, s, bestPos + 1, depth + 1);
  }
  return {
    k,
    feature: Int32Array.from(t.feature),
    threshold: Float64Array.from(t.threshold),
    left: Int32Array.from(t.left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
  };
}

/** Stable partition of [from, to) by goLeft, keeping each side in ascending order. */
function partition(ws: Workspace, from: number, to: number): void {
  const { rows, ranks, tmpRows, tmpRanks, goLeft } = ws;
  let li = from;
  let ri = 0;
  for (let i = from; i < to; i++) {
    const r = rows[i]!;
    if (goLeft[r] === 1) {
      rows[li] = r;
      ranks[li++] = ranks[i]!;
    } else {
      tmpRows[ri] = r;
      tmpRanks[ri++] = ranks[i]!;
    }
  }
  for (let j = 0; j < ri; j++, li++) {
    rows[li] = tmpRows[j]!;
    ranks[li] = tmpRanks[j]!;
  }
}
