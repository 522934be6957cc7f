// Nelder-Mead simplex minimisation with the standard coefficients (reflect 1, expand 2,
// contract 1/2, shrink 1/2). Deterministic: the same start gives the same answer.

export interface MinimizeResult {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

export interface MinimizeOptions {
  maxIterations?: number;
  /** Converged when the simplex's values differ by less than this... */
  valueTolerance?: number;
  /** ...and its points by less than this in every coordinate. */
  pointTolerance?: number;
  /** Initial simplex step per coordinate. */
  step?: number;
}

type Point = Float64Array;

export function minimize(
  f: (x: number[]) => number,
  start: number[],
  o: MinimizeOptions = {},
): MinimizeResult {
  const n = start.length;
  const maxIterations = o.maxIterations ?? 5000 * n;
  const valueTolerance = o.valueTolerance ?? 1e-10;
  const pointTolerance = o.pointTolerance ?? 1e-10;
  const step = o.step ?? 0.1;
  const value = (x: Point) => {
    const v = f(Array.from(x));
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const points: Point[] = [Float64Array.from(start)];
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(start);
    const v = p[i] as number;
    p[i] = v + (v === 0 ? step / 4 : step * Math.max(1, Math.abs(v)));
    points.push(p);
  }
  let simplex = points.map((x) => ({ x, v: value(x) }));
  /** a + t (b - a) */
  const along = (a: Point, b: Point, t: number) =>
    a.map((ai, i) => ai + t * ((b[i] as number) - ai));
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    simplex.sort((p, q) => p.v - q.v);
    const best = simplex[0] as { x: Point; v: number };
    const worst = simplex[n] as { x: Point; v: number };
    let spread = 0;
    for (const p of simplex) {
      for (let i = 0; i < n; i++)
        spread = Math.max(spread, Math.abs((p.x[i] as number) - (best.x[i] as number)));
    }
    if (worst.v - best.v <= valueTolerance && spread <= pointTolerance) {
      converged = true;
      break;
    }
    const centroid = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const x = (simplex[k] as { x: Point }).x;
      for (let i = 0; i < n; i++) centroid[i] = (centroid[i] as number) + (x[i] as number) / n;
    }
    const reflected = along(centroid, worst.x, -1);
    const fr = value(reflected);
    if (fr < best.v) {
      const expanded = along(centroid, worst.x, -2);
      const fe = value(expanded);
      simplex[n] = fe < fr ? { x: expanded, v: fe } : { x: reflected, v: fr };
      continue;
    }
    if (fr < (simplex[n - 1] as { v: number }).v) {
      simplex[n] = { x: reflected, v: fr };
      continue;
    }
    const outside = fr < worst.v;
    const contracted = along(centroid, outside ? reflected : worst.x, 0.5);
    const fc = value(contracted);
    if (fc < (outside ? fr : worst.v)) {
      simplex[n] = { x: contracted, v: fc };
      continue;
    }
    simplex = simplex.map((p, k) => {
      if (k === 0) return p;
      const x = along(best.x, p.x, 0.5);
      return { x, v: value(x) };
    });
  }
  simplex.sort((p, q) => p.v - q.v);
  const best = simplex[0] as { x: Point; v: number };
  return { x: Array.from(best.x), value: best.v, iterations, converged };
}
