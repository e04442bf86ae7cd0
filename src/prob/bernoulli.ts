import { requireProbability } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { UnivariateDistribution, requireQuantileLevel } from './distribution.js';
import { binaryEntropy } from './entropy.js';

/**
 * Bernoulli distribution: P(X = 1) = p, P(X = 0) = 1 - p. `logPdf` is the log mass.
 * @example new Bernoulli(0.3).entropy() // 0.6108643020548935 nats
 */
export class Bernoulli extends UnivariateDistribution {
  readonly p: number;

  constructor(p: number) {
    super();
    this.p = requireProbability('Bernoulli.p', p);
  }

  logPdf(x: number): number {
    if (x === 1) return Math.log(this.p);
    if (x === 0) return Math.log1p(-this.p);
    return -Infinity;
  }

  sample(rng: Rng): number {
    return rng.nextDouble() < this.p ? 1 : 0;
  }

  mean(): number {
    return this.p;
  }

  variance(): number {
    return this.p * (1 - this.p);
  }

  entropy(): number {
    return binaryEntropy(this.p);
  }

  cdf(x: number): number {
    if (x < 0) return 0;
    return x < 1 ? 1 - this.p : 1;
  }

  quantile(q: number): number {
    requireQuantileLevel(q);
    return q <= 1 - this.p ? 0 : 1;
  }
}
