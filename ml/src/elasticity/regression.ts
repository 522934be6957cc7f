// Ordinary least squares of y on x (one slope) with its standard error and a 95% interval.

export interface Slope {
  slope: number;
  se: number;
  low: number;
  high: number;
  n: number;
}

/** Student t quantile for 97.5% by the Cornish-Fisher expansion (good for df >= 3). */
export function t975(df: number): number {
  const z = 1.959_963_985;
  return (
    z +
    (z ** 3 + z) / (4 * df) +
    (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3)
  );
}

/**
 * Slope of y on x. `groups` (optional) gives each point's group: x and y are then centred
 * within groups (fixed effects), and the degrees of freedom lose one per group.
 * Null when there is no spread in x or too few points.
 */
export function olsSlope(x: number[], y: number[], groups?: number[]): Slope | null {
  const n = x.length;
  const cx = x.slice();
  const cy = y.slice();
  let lost = 1;
  if (groups) {
    const sums = new Map<number, { x: number; y: number; n: number }>();
    groups.forEach((g, i) => {
      const s = sums.get(g) ?? { x: 0, y: 0, n: 0 };
      s.x += x[i] as number;
      s.y += y[i] as number;
      s.n++;
      sums.set(g, s);
    });
    groups.forEach((g, i) => {
      const s = sums.get(g) as { x: number; y: number; n: number };
      cx[i] = (x[i] as number) - s.x / s.n;
      cy[i] = (y[i] as number) - s.y / s.n;
    });
    lost = sums.size;
  } else {
    const mx = x.reduce((a, v) => a + v, 0) / n;
    const my = y.reduce((a, v) => a + v, 0) / n;
    for (let i = 0; i < n; i++) {
      cx[i] = (x[i] as number) - mx;
      cy[i] = (y[i] as number) - my;
    }
  }
  const df = n - lost - 1;
  if (df < 2) return null;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (cx[i] as number) ** 2;
    sxy += (cx[i] as number) * (cy[i] as number);
  }
  if (sxx < 1e-12) return null;
  const slope = sxy / sxx;
  let ssr = 0;
  for (let i = 0; i < n; i++) ssr += ((cy[i] as number) - slope * (cx[i] as number)) ** 2;
  const se = Math.sqrt(ssr / df / sxx);
  const half = t975(df) * se;
  return { slope, se, low: slope - half, high: slope + half, n };
}
