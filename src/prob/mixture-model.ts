/**
 * What every finite mixture p(x) = sum_k w_k p(x | k) shares once a family says how to compute
 * log w_k + log p(x | k): log densities, responsibilities p(k | x), the ELBO for any q(k | x), BIC.
 */
import { GibbsError } from '../core/errors.js';
import { type DataMatrix, requireDataMatrix } from './data-matrix.js';
import { discreteLatentElbo, normalizeLogRows } from './mixture-elbo.js';

/** A mixture model over d-dimensional points with K components. */
export abstract class MixtureModel {
  abstract readonly components: number;
  abstract readonly dim: number;

  /** log w_k + log p(x | k) for every k, with x read from `data` at `offset`, into `out` (length K). */
  abstract componentLogJoint(data: ArrayLike<number>, offset: number, out: Float64Array): Float64Array;

  /** Number of free parameters (for BIC). */
  abstract parameterCount(): number;

  /** log p(x) for one point (length d). */
  logPdf(x: ArrayLike<number>): number {
    if (x.length !== this.dim) throw new GibbsError(`x: has ${x.length} coordinates, expected ${this.dim}`, 'x');
    return logSumExpOf(this.componentLogJoint(x, 0, new Float64Array(this.components)));
  }

  /** log p(x_i) for every row of `x`. */
  scoreSamples(x: DataMatrix): Float64Array {
    this.requireMatching(x);
    const lp = new Float64Array(this.components);
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) out[i] = logSumExpOf(this.componentLogJoint(x.data, i * this.dim, lp));
    return out;
  }

  /** Total log-likelihood sum_i log p(x_i). */
  logLikelihood(x: DataMatrix): number {
    const s = this.scoreSamples(x);
    let total = 0;
    for (let i = 0; i < s.length; i++) total += s[i];
    return total;
  }

  /** log p(x_i, z_i = k) as an n x K matrix. */
  logJointMatrix(x: DataMatrix): Float64Array {
    this.requireMatching(x);
    const k = this.components;
    const out = new Float64Array(x.rows * k);
    for (let i = 0; i < x.rows; i++) this.componentLogJoint(x.data, i * this.dim, out.subarray(i * k, (i + 1) * k));
    return out;
  }

  /** Responsibilities p(k | x_i), n x K, rows summing to 1: the exact posterior of the latent component. */
  responsibilities(x: DataMatrix): Float64Array {
    return normalizeLogRows(this.logJointMatrix(x), this.components);
  }

  /**
   * ELBO(x, q) = sum_i sum_k q_ik (log p(x_i, k) - log q_ik) <= log p(x), with equality iff q is
   * the exact posterior ({@link responsibilities}); the gap is sum_i KL(q_i || p(. | x_i)).
   */
  elbo(x: DataMatrix, q: Float64Array): number {
    return discreteLatentElbo(this.logJointMatrix(x), q, this.components);
  }

  /** Bayesian information criterion -2 log L + p log n (lower is better). */
  bic(x: DataMatrix): number {
    return -2 * this.logLikelihood(x) + this.parameterCount() * Math.log(x.rows);
  }

  protected requireMatching(x: DataMatrix): void {
    requireDataMatrix(x);
    if (x.cols !== this.dim) throw new GibbsError(`data: has ${x.cols} columns, but the model has ${this.dim} dimensions`, 'data');
  }
}

/** log sum_k exp(v_k) of a small vector. */
export function logSumExpOf(v: Float64Array): number {
  let max = -Infinity;
  for (let i = 0; i < v.length; i++) if (v[i] > max) max = v[i];
  if (max === -Infinity || max === Infinity) return max;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.exp(v[i] - max);
  return max + Math.log(s);
}
