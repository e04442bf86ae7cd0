import type { Rng } from '../core/rng.js';
import { UnivariateDistribution, positiveParameter, requireQuantileLevel } from './distribution.js';
import { digamma, inverseRegularizedGamma, logGamma, regularizedGamma } from './special.js';
import { gammaVariate } from './variates.js';

/**
 * Gamma distribution with shape a and rate b (scipy's scale = 1/b): density
 * b^a x^(a-1) e^(-b x) / Gamma(a) on x > 0; mean a/b. Sampled by Marsaglia–Tsang.
 * @example new Gamma(2, 3).mean() // 2/3
 */
export class Gamma extends UnivariateDistribution {
  readonly shape: number;
  readonly rate: number;

  constructor(shape: number, rate = 1) {
    super();
    this.shape = positiveParameter('Gamma', 'shape', shape);
    this.rate = positiveParameter('Gamma', 'rate', rate);
  }

  logPdf(x: number): number {
    const a = this.shape;
    if (x < 0 || Number.isNaN(x)) return -Infinity;
    if (x === 0) return a === 1 ? Math.log(this.rate) : a < 1 ? Infinity : -Infinity;
    if (x === Infinity) return -Infinity;
    return a * Math.log(this.rate) - logGamma(a) + (a - 1) * Math.log(x) - this.rate * x;
  }

  sample(rng: Rng): number {
    return gammaVariate(rng, this.shape) / this.rate;
  }

  mean(): number {
    return this.shape / this.rate;
  }

  variance(): number {
    return this.shape / (this.rate * this.rate);
  }

  entropy(): number {
    const a = this.shape;
    return a - Math.log(this.rate) + logGamma(a) + (1 - a) * digamma(a);
  }

  cdf(x: number): number {
    if (x <= 0) return 0;
    return regularizedGamma(this.shape, this.rate * x);
  }

  quantile(p: number): number {
    requireQuantileLevel(p);
    if (p === 0) return 0;
    if (p === 1) return Infinity;
    return inverseRegularizedGamma(p, this.shape) / this.rate;
  }
}
