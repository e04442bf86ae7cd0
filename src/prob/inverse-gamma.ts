import type { Rng } from '../core/rng.js';
import { UnivariateDistribution, positiveParameter, requireQuantileLevel } from './distribution.js';
import { digamma, inverseRegularizedGamma, logGamma, regularizedGamma } from './special.js';
import { gammaVariate } from './variates.js';

/**
 * Inverse-Gamma distribution with shape a and scale b (X = 1/Y, Y ~ Gamma(a, rate b)): density
 * b^a x^(-a-1) e^(-b/x) / Gamma(a) on x > 0; mean b/(a - 1) for a > 1. The conjugate prior
 * (and posterior) of a Gaussian variance.
 * @example new InverseGamma(3, 4).mean() // 2
 */
export class InverseGamma extends UnivariateDistribution {
  readonly shape: number;
  readonly scale: number;

  constructor(shape: number, scale: number) {
    super();
    this.shape = positiveParameter('InverseGamma', 'shape', shape);
    this.scale = positiveParameter('InverseGamma', 'scale', scale);
  }

  logPdf(x: number): number {
    if (!(x > 0) || x === Infinity) return -Infinity;
    const a = this.shape;
    return a * Math.log(this.scale) - logGamma(a) - (a + 1) * Math.log(x) - this.scale / x;
  }

  sample(rng: Rng): number {
    return this.scale / gammaVariate(rng, this.shape);
  }

  /** b/(a-1); Infinity for a <= 1. */
  mean(): number {
    return this.shape > 1 ? this.scale / (this.shape - 1) : Infinity;
  }

  /** b^2/((a-1)^2 (a-2)); Infinity for a <= 2. */
  variance(): number {
    const a = this.shape;
    return a > 2 ? (this.scale * this.scale) / ((a - 1) * (a - 1) * (a - 2)) : Infinity;
  }

  /** The mode b/(a+1). */
  mode(): number {
    return this.scale / (this.shape + 1);
  }

  entropy(): number {
    const a = this.shape;
    return a + Math.log(this.scale) + logGamma(a) - (1 + a) * digamma(a);
  }

  /** E[log X] = log b - psi(a). */
  meanLog(): number {
    return Math.log(this.scale) - digamma(this.shape);
  }

  cdf(x: number): number {
    if (x <= 0) return 0;
    if (x === Infinity) return 1;
    return regularizedGamma(this.shape, this.scale / x, true);
  }

  quantile(p: number): number {
    requireQuantileLevel(p);
    if (p === 0) return 0;
    if (p === 1) return Infinity;
    // P(X <= x) = Q(a, b/x) = p
    return this.scale / inverseRegularizedGamma(p, this.shape, true);
  }
}
