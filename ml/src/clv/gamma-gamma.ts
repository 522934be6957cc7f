// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"): a customer's order values
// vary around their own mean, which varies across customers. Fitted on repeat customers
// (x > 0) from x and the mean value of their repeat purchases.
import { ReasonError } from '@retention/contracts';
import { minimize } from '../nelder-mead.ts';
import { lgamma } from '../special.ts';

export interface Spend {
  /** Repeat purchases (> 0). */
  x: number;
  /** Mean value of those purchases (> 0). */
  mean: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  customers: number;
  converged: boolean;
}

export function gammaGammaLogLikelihood({ p, q, gamma }: GammaGammaParams, { x, mean }: Spend) {
  return (
    lgamma(p * x + q) -
    lgamma(p * x) -
    lgamma(q) +
    q * Math.log(gamma) +
    (p * x - 1) * Math.log(mean) +
    p * x * Math.log(x) -
    (p * x + q) * Math.log(gamma + x * mean)
  );
}

/** Maximum-likelihood fit on the customers with x > 0 and a positive mean value. */
export function fitGammaGamma(all: readonly Spend[]): GammaGammaFit {
  const spends = all.filter((s) => s.x > 0 && s.mean > 0 && Number.isFinite(s.mean));
  if (spends.length < 2) {
    throw new ReasonError('clvTooFewRepeat', { found: spends.length });
  }
  const negative = (logs: number[]) => {
    const [p, q, gamma] = logs.map(Math.exp) as [number, number, number];
    let ll = 0;
    for (const s of spends) ll += gammaGammaLogLikelihood({ p, q, gamma }, s);
    return -ll;
  };
  const best = minimize(negative, [0, 0, 0], { valueTolerance: 1e-9, pointTolerance: 1e-9 });
  const [p, q, gamma] = best.x.map(Math.exp) as [number, number, number];
  return {
    params: { p, q, gamma },
    logLikelihood: -best.value,
    customers: spends.length,
    converged: best.converged,
  };
}

/**
 * Expected value of a customer's future orders: their own mean shrunk towards the population
 * mean p·gamma/(q - 1); with no repeat purchases, the population mean.
 */
export function expectedOrderValue({ p, q, gamma }: GammaGammaParams, { x, mean }: Spend): number {
  if (x <= 0 || !(mean > 0)) return (p * gamma) / (q - 1);
  return (p * (gamma + x * mean)) / (p * x + q - 1);
}
