// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): repeat
// purchases of a customer as a Poisson process (rate ~ Gamma(r, alpha)) that may end after
// any purchase (dropout probability ~ Beta(a, b)). Time is in whatever unit the summaries
// use (weeks for the CDNOW files, days in the product).
import { minimize } from '../nelder-mead.ts';
import { hyp2f1, lgamma, logSumExp } from '../special.ts';

/** A customer's history: repeat purchases x, time of the last one t_x, age T (first purchase = 0). */
export interface Summary {
  x: number;
  tx: number;
  T: number;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit {
  params: BgNbdParams;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

/** log-likelihood of one customer's (x, t_x, T). */
export function bgnbdLogLikelihood({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: Summary): number {
  const a1 = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
  const a2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  const a4 =
    x > 0
      ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx)
      : Number.NEGATIVE_INFINITY;
  return a1 + a2 + logSumExp(a3, a4);
}

export function checkSummaries(customers: readonly Summary[]): void {
  if (customers.length === 0) throw new Error('BG/NBD needs at least one customer');
  customers.forEach((c, i) => {
    const ok =
      Number.isInteger(c.x) &&
      c.x >= 0 &&
      c.tx >= 0 &&
      c.T >= 0 &&
      c.tx <= c.T &&
      (c.x > 0 || c.tx === 0);
    if (!ok)
      throw new Error(`customer ${i}: not a valid summary (x=${c.x}, t_x=${c.tx}, T=${c.T})`);
  });
}

/** Maximum-likelihood fit (Nelder-Mead on log parameters, from r = alpha = a = b = 1). */
export function fitBgNbd(customers: readonly Summary[]): BgNbdFit {
  checkSummaries(customers);
  // Customers with the same history contribute the same term: sum each distinct one once.
  const groups = new Map<string, { s: Summary; n: number }>();
  for (const c of customers) {
    const key = `${c.x}|${c.tx}|${c.T}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { s: c, n: 1 });
  }
  const distinct = [...groups.values()];
  const m = distinct.length;
  const xs = Int32Array.from(distinct, (g) => g.s.x);
  const txs = Float64Array.from(distinct, (g) => g.s.tx);
  const Ts = Float64Array.from(distinct, (g) => g.s.T);
  const ns = Float64Array.from(distinct, (g) => g.n);
  const maxX = Math.max(...xs);
  // The gamma-function ratios of the likelihood depend on x alone and x is a whole number:
  // Γ(r + x) / Γ(r) = Π (r + i) and Γ(b + x)Γ(a + b) / (Γ(b)Γ(a + b + x)) = Π (b + i) / (a + b + i)
  // over i < x, so each evaluation builds them for x = 0..max as running sums of logs.
  const rising = new Float64Array(maxX + 1);
  const beta = new Float64Array(maxX + 1);
  const negative = (logs: number[]) => {
    const [r, alpha, a, b] = logs.map(Math.exp) as [number, number, number, number];
    for (let x = 1; x <= maxX; x++) {
      rising[x] = (rising[x - 1] as number) + Math.log(r + x - 1);
      beta[x] = (beta[x - 1] as number) + Math.log((b + x - 1) / (a + b + x - 1));
    }
    const logAlpha = Math.log(alpha);
    const logA = Math.log(a);
    let ll = 0;
    for (let g = 0; g < m; g++) {
      const x = xs[g] as number;
      const a3 = -(r + x) * Math.log(alpha + (Ts[g] as number));
      const tail =
        x > 0
          ? logSumExp(
              a3,
              logA - Math.log(b + x - 1) - (r + x) * Math.log(alpha + (txs[g] as number)),
            )
          : a3;
      ll += (ns[g] as number) * ((rising[x] as number) + r * logAlpha + (beta[x] as number) + tail);
    }
    return -ll;
  };
  const best = minimize(negative, [0, 0, 0, 0], { valueTolerance: 1e-9, pointTolerance: 1e-9 });
  const [r, alpha, a, b] = best.x.map(Math.exp) as [number, number, number, number];
  return {
    params: { r, alpha, a, b },
    logLikelihood: -best.value,
    iterations: best.iterations,
    converged: best.converged,
  };
}

/** Probability that a customer with this history is still active ("alive"). */
export function pAlive({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: Summary): number {
  if (x === 0) return 1;
  return 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x));
}

/** Expected repeat purchases in the next t time units, given the customer's history. */
export function expectedPurchases(p: BgNbdParams, s: Summary, t: number): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = s;
  if (t <= 0) return 0;
  const head = (a + b + x - 1) / (a - 1);
  const tail =
    1 -
    ((alpha + T) / (alpha + T + t)) ** (r + x) *
      hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const alive = x > 0 ? 1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 1;
  return (head * tail) / alive;
}

/** Expected repeat purchases of a new customer in (0, t]: E[X(t)]. */
export function expectedPurchasesNew({ r, alpha, a, b }: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  return (
    ((a + b - 1) / (a - 1)) *
    (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))
  );
}
