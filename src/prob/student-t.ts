import type { Rng } from '../core/rng.js';
import { UnivariateDistribution, finiteParameter, positiveParameter, requireQuantileLevel } from './distribution.js';
import { digamma, inverseRegularizedBeta, logBeta, regularizedBeta } from './special.js';
import { chiSquareVariate } from './variates.js';

/**
 * psi(x + 1/2) - psi(x). For large x the two digammas nearly cancel, so use the asymptotic
 * series psi(y) = log y - 1/(2y) - sum_k B_2k / (2k y^2k) term by term (Abramowitz & Stegun 6.3.18):
 * log1p(1/(2x)) + 1/(2x(2x+1)) - sum_k B_2k/(2k) ((x+1/2)^-2k - x^-2k), error below 1e-17 for x >= 10.
 */
function digammaHalfStep(x: number): number {
  if (x < 10) return digamma(x + 0.5) - digamma(x);
  const y = x + 0.5;
  const bernoulliOver2k = [1 / 12, -1 / 120, 1 / 252, -1 / 240]; // B_2k / (2k), k = 1..4
  let series = 0;
  let py = 1;
  let px = 1;
  for (const c of bernoulliOver2k) {
    py /= y * y;
    px /= x * x;
    series += c * (py - px);
  }
  return Math.log1p(1 / (2 * x)) + 1 / (2 * x * (2 * x + 1)) - series;
}

/**
 * Student-t distribution with `df` degrees of freedom, location and scale (the law of
 * location + scale T, T a standard t): density
 * Gamma((df+1)/2) / (Gamma(df/2) sqrt(df pi) scale) (1 + z^2/df)^(-(df+1)/2), z = (x - location)/scale.
 * It is the posterior marginal of a Gaussian mean and the posterior predictive under a
 * Normal-Inverse-Gamma prior. Cdf and quantile go through the regularised incomplete beta.
 * @example new StudentT(3, 0, 1).quantile(0.975) // 3.182446305284263
 */
export class StudentT extends UnivariateDistribution {
  readonly df: number;
  readonly location: number;
  readonly scale: number;

  constructor(df: number, location = 0, scale = 1) {
    super();
    this.df = positiveParameter('StudentT', 'df', df);
    this.location = finiteParameter('StudentT', 'location', location);
    this.scale = positiveParameter('StudentT', 'scale', scale);
  }

  logPdf(x: number): number {
    const nu = this.df;
    const z = (x - this.location) / this.scale;
    // log Gamma((nu+1)/2) - log Gamma(nu/2) = 0.5 log pi - log B(nu/2, 1/2): stable for large nu
    return -logBeta(nu / 2, 0.5) - 0.5 * Math.log(nu) - Math.log(this.scale) - ((nu + 1) / 2) * Math.log1p((z * z) / nu);
  }

  sample(rng: Rng): number {
    const z = rng.normal();
    return this.location + (this.scale * z) / Math.sqrt(chiSquareVariate(rng, this.df) / this.df);
  }

  mean(): number {
    return this.df > 1 ? this.location : Number.NaN;
  }

  variance(): number {
    if (this.df > 2) return (this.scale * this.scale * this.df) / (this.df - 2);
    return this.df > 1 ? Infinity : Number.NaN;
  }

  entropy(): number {
    const nu = this.df;
    return ((nu + 1) / 2) * digammaHalfStep(nu / 2) + 0.5 * Math.log(nu) + logBeta(nu / 2, 0.5) + Math.log(this.scale);
  }

  cdf(x: number): number {
    const t = (x - this.location) / this.scale;
    if (t === Infinity) return 1;
    if (t === -Infinity) return 0;
    const nu = this.df;
    const t2 = t * t;
    // tail = P(T < -|t|) = I_{nu/(nu+t^2)}(nu/2, 1/2) / 2, computed from whichever argument is small
    const tail = t2 < nu ? 0.5 * regularizedBeta(t2 / (nu + t2), 0.5, nu / 2, true) : 0.5 * regularizedBeta(nu / (nu + t2), nu / 2, 0.5);
    return t < 0 ? tail : 1 - tail;
  }

  quantile(p: number): number {
    requireQuantileLevel(p);
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    if (p === 0.5) return this.location;
    const nu = this.df;
    const q = Math.min(p, 1 - p);
    let t: number;
    if (2 * q < 0.5) {
      const x = inverseRegularizedBeta(2 * q, nu / 2, 0.5); // x = nu / (nu + t^2)
      t = Math.sqrt((nu * (1 - x)) / x);
    } else {
      const y = inverseRegularizedBeta(1 - 2 * q, 0.5, nu / 2); // y = t^2 / (nu + t^2)
      t = Math.sqrt((nu * y) / (1 - y));
    }
    return this.location + this.scale * (p < 0.5 ? -t : t);
  }
}
