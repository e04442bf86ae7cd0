import type { Rng } from '../core/rng.js';
import { UnivariateDistribution, positiveParameter, requireQuantileLevel } from './distribution.js';
import { digamma, inverseRegularizedBeta, logBeta, regularizedBeta } from './special.js';
import { betaVariate } from './variates.js';

/**
 * Beta distribution on [0, 1]: density x^(a-1) (1-x)^(b-1) / B(a, b); the conjugate prior of a
 * Bernoulli probability. Cdf/quantile by the regularised incomplete beta.
 * @example new Beta(2, 5).mean() // 2/7
 */
export class Beta extends UnivariateDistribution {
  readonly a: number;
  readonly b: number;

  constructor(a: number, b: number) {
    super();
    this.a = positiveParameter('Beta', 'a', a);
    this.b = positiveParameter('Beta', 'b', b);
  }

  logPdf(x: number): number {
    if (!(x >= 0 && x <= 1)) return -Infinity;
    const { a, b } = this;
    if (x === 0) return a === 1 ? -logBeta(a, b) : a < 1 ? Infinity : -Infinity;
    if (x === 1) return b === 1 ? -logBeta(a, b) : b < 1 ? Infinity : -Infinity;
    return (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b);
  }

  sample(rng: Rng): number {
    return betaVariate(rng, this.a, this.b);
  }

  mean(): number {
    return this.a / (this.a + this.b);
  }

  variance(): number {
    const s = this.a + this.b;
    return (this.a * this.b) / (s * s * (s + 1));
  }

  entropy(): number {
    const { a, b } = this;
    return logBeta(a, b) - (a - 1) * digamma(a) - (b - 1) * digamma(b) + (a + b - 2) * digamma(a + b);
  }

  cdf(x: number): number {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    return regularizedBeta(x, this.a, this.b);
  }

  quantile(p: number): number {
    requireQuantileLevel(p);
    return inverseRegularizedBeta(p, this.a, this.b);
  }
}
