import type { Rng } from '../core/rng.js';
import { UnivariateDistribution, finiteParameter, positiveParameter, requireQuantileLevel } from './distribution.js';
import { LOG_2PI, standardNormalCdf, standardNormalQuantile } from './special.js';

/**
 * Normal (Gaussian) distribution N(mean, sd^2): density exp(-(x - mean)^2 / (2 sd^2)) / (sd sqrt(2 pi)).
 * @example
 * const n = new Normal(0, 1);
 * n.quantile(0.975) // 1.959963984540054
 */
export class Normal extends UnivariateDistribution {
  readonly mu: number;
  readonly sigma: number;

  /** @param mean location; @param sd standard deviation (> 0). */
  constructor(mean: number, sd: number) {
    super();
    this.mu = finiteParameter('Normal', 'mean', mean);
    this.sigma = positiveParameter('Normal', 'sd', sd);
  }

  logPdf(x: number): number {
    const z = (x - this.mu) / this.sigma;
    return -0.5 * z * z - Math.log(this.sigma) - 0.5 * LOG_2PI;
  }

  sample(rng: Rng): number {
    return this.mu + this.sigma * rng.normal();
  }

  mean(): number {
    return this.mu;
  }

  variance(): number {
    return this.sigma * this.sigma;
  }

  entropy(): number {
    return 0.5 * (1 + LOG_2PI) + Math.log(this.sigma);
  }

  cdf(x: number): number {
    return standardNormalCdf((x - this.mu) / this.sigma);
  }

  quantile(p: number): number {
    requireQuantileLevel(p);
    return this.mu + this.sigma * standardNormalQuantile(p);
  }
}
