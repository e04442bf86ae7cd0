import { GibbsError, invalidValue } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { cholesky, logDetFromCholesky, multiplyLower, solveLower } from './linalg.js';
import { LOG_2PI } from './special.js';

/**
 * Multivariate normal N(mean, covariance) in d dimensions, held by the Cholesky factor L of the
 * covariance (Sigma = L L^T): log density -|L^{-1}(x - mean)|^2 / 2 - log det L - d log(2 pi)/2,
 * samples mean + L z with z standard normal.
 * @example
 * const g = new MultivariateNormal([0, 0], [1, 0.5, 0.5, 2]);
 * g.logPdf([0.1, -0.2]); g.sample(Rng.fromSeed(3));
 */
export class MultivariateNormal {
  readonly dim: number;
  readonly mu: Float64Array;
  readonly cov: Float64Array;
  /** Lower Cholesky factor of the covariance (row-major d x d). */
  readonly choleskyFactor: Float64Array;
  private readonly logNormalizer: number;
  private readonly work: Float64Array;

  /** @param mean length d; @param covariance d x d, row-major, symmetric positive definite. */
  constructor(mean: ArrayLike<number>, covariance: ArrayLike<number>) {
    const d = mean.length;
    if (d < 1) throw invalidValue('MultivariateNormal.mean', [], 'a non-empty vector');
    for (let i = 0; i < d; i++) if (!Number.isFinite(mean[i])) throw invalidValue(`MultivariateNormal.mean[${i}]`, mean[i], 'a finite number');
    if (covariance.length !== d * d) throw new GibbsError(`MultivariateNormal.covariance: has ${covariance.length} entries, expected ${d * d} (d x d with d = ${d})`, 'covariance');
    this.dim = d;
    this.mu = Float64Array.from(mean);
    this.cov = Float64Array.from(covariance);
    this.choleskyFactor = cholesky(covariance, d, 'MultivariateNormal.covariance');
    this.logNormalizer = 0.5 * logDetFromCholesky(this.choleskyFactor, d) + 0.5 * d * LOG_2PI;
    this.work = new Float64Array(d);
  }

  /** Log density at x (length d). */
  logPdf(x: ArrayLike<number>): number {
    const d = this.dim;
    if (x.length !== d) throw new GibbsError(`x: has ${x.length} entries, expected ${d}`, 'x');
    for (let i = 0; i < d; i++) this.work[i] = x[i] - this.mu[i];
    solveLower(this.choleskyFactor, this.work, d, this.work);
    let q = 0;
    for (let i = 0; i < d; i++) q += this.work[i] * this.work[i];
    return -0.5 * q - this.logNormalizer;
  }

  /** One draw mean + L z. */
  sample(rng: Rng): Float64Array {
    const z = new Float64Array(this.dim);
    for (let i = 0; i < this.dim; i++) z[i] = rng.normal();
    multiplyLower(this.choleskyFactor, z, this.dim, z);
    for (let i = 0; i < this.dim; i++) z[i] += this.mu[i];
    return z;
  }

  mean(): Float64Array {
    return Float64Array.from(this.mu);
  }

  /** The covariance matrix (d x d, row-major). */
  covariance(): Float64Array {
    return Float64Array.from(this.cov);
  }

  /** Diagonal of the covariance (per-coordinate variances). */
  variance(): Float64Array {
    const out = new Float64Array(this.dim);
    for (let i = 0; i < this.dim; i++) out[i] = this.cov[i * this.dim + i];
    return out;
  }

  /** Differential entropy d (1 + log 2 pi)/2 + log det L, in nats. */
  entropy(): number {
    return 0.5 * this.dim + this.logNormalizer;
  }
}
