import { GibbsError, invalidValue } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { digamma, logGamma } from './special.js';
import { logGammaVariate } from './variates.js';

/**
 * Dirichlet distribution on the probability simplex: density
 * Gamma(a0) / prod_k Gamma(a_k) prod_k x_k^(a_k - 1), a0 = sum_k a_k. The conjugate prior of
 * categorical and mixture weights. Sampled as normalised Gamma variates (formed in logs).
 * @example new Dirichlet([1, 2, 3]).mean() // [1/6, 1/3, 1/2]
 */
export class Dirichlet {
  readonly alpha: Float64Array;
  readonly alphaSum: number;
  private readonly logNormalizer: number;

  constructor(alpha: ArrayLike<number>) {
    if (alpha.length < 2) throw invalidValue('Dirichlet.alpha', Array.from(alpha), 'at least 2 concentrations');
    this.alpha = Float64Array.from(alpha);
    let sum = 0;
    let logB = 0;
    for (let k = 0; k < alpha.length; k++) {
      const a = alpha[k];
      if (!(a > 0) || a === Infinity) throw invalidValue(`Dirichlet.alpha[${k}]`, a, 'a finite number > 0');
      sum += a;
      logB += logGamma(a);
    }
    this.alphaSum = sum;
    this.logNormalizer = logB - logGamma(sum);
  }

  /** Dimension K. */
  get size(): number {
    return this.alpha.length;
  }

  /** Log density at a point of the simplex (entries >= 0 summing to 1 within 1e-9); -Infinity off it. */
  logPdf(x: ArrayLike<number>): number {
    if (x.length !== this.alpha.length) throw new GibbsError(`x: has ${x.length} entries, expected ${this.alpha.length}`, 'x');
    let sum = 0;
    let logp = -this.logNormalizer;
    for (let k = 0; k < x.length; k++) {
      if (!(x[k] >= 0)) return -Infinity;
      sum += x[k];
      const a = this.alpha[k];
      if (x[k] === 0) {
        if (a > 1) return -Infinity;
        if (a < 1) return Infinity;
        continue;
      }
      logp += (a - 1) * Math.log(x[k]);
    }
    return Math.abs(sum - 1) <= 1e-9 * x.length ? logp : -Infinity;
  }

  /** One point of the simplex. */
  sample(rng: Rng): Float64Array {
    const k = this.alpha.length;
    const out = new Float64Array(k);
    let max = -Infinity;
    for (let i = 0; i < k; i++) {
      out[i] = logGammaVariate(rng, this.alpha[i]);
      if (out[i] > max) max = out[i];
    }
    let sum = 0;
    for (let i = 0; i < k; i++) sum += out[i] = Math.exp(out[i] - max);
    for (let i = 0; i < k; i++) out[i] /= sum;
    return out;
  }

  /** E[x_k] = a_k / a0. */
  mean(): Float64Array {
    return this.alpha.map((a) => a / this.alphaSum);
  }

  /** Var[x_k] = a_k (a0 - a_k) / (a0^2 (a0 + 1)). */
  variance(): Float64Array {
    const a0 = this.alphaSum;
    return this.alpha.map((a) => (a * (a0 - a)) / (a0 * a0 * (a0 + 1)));
  }

  /** E[log x_k] = psi(a_k) - psi(a0), which variational Bayes needs. */
  meanLog(): Float64Array {
    const psi0 = digamma(this.alphaSum);
    return this.alpha.map((a) => digamma(a) - psi0);
  }

  /** Differential entropy log B(a) + (a0 - K) psi(a0) - sum_k (a_k - 1) psi(a_k), in nats. */
  entropy(): number {
    const k = this.alpha.length;
    let h = this.logNormalizer + (this.alphaSum - k) * digamma(this.alphaSum);
    for (let i = 0; i < k; i++) h -= (this.alpha[i] - 1) * digamma(this.alpha[i]);
    return h;
  }
}
