/**
 * A Gaussian mixture p(x) = sum_k w_k N(x | mean_k, Sigma_k) with full, diagonal or spherical
 * covariances: log density per point, responsibilities p(k | x), sampling, BIC, and the ELBO for
 * any q(k | x). Covariances are stored as scikit-learn stores them: full K x d x d, diag K x d,
 * spherical K (one variance per component).
 */
import { GibbsError, invalidValue } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { DataMatrix } from './data-matrix.js';
import { choleskyOrNull, invertLower } from './linalg.js';
import { MixtureModel } from './mixture-model.js';
import { LOG_2PI } from './special.js';
import { categoricalVariate } from './variates.js';

/** Covariance structure of the mixture components. */
export type CovarianceType = 'full' | 'diag' | 'spherical';

/** The parameters of a Gaussian mixture (flat typed arrays; K components in d dimensions). */
export interface GaussianMixtureParameters {
  covarianceType: CovarianceType;
  dim: number;
  /** Mixing weights, K, summing to 1. */
  weights: Float64Array;
  /** Means, K x d row-major. */
  means: Float64Array;
  /** full: K x d x d; diag: K x d variances; spherical: K variances. */
  covariances: Float64Array;
}

/** Number of covariance numbers per component. */
export function covarianceSize(type: CovarianceType, d: number): number {
  return type === 'full' ? d * d : type === 'diag' ? d : 1;
}

/** Free covariance parameters per component (for BIC): d(d+1)/2, d or 1. */
export function covarianceParameterCount(type: CovarianceType, d: number): number {
  return type === 'full' ? (d * (d + 1)) / 2 : type === 'diag' ? d : 1;
}

/**
 * A fitted (or hand-built) Gaussian mixture. Precomputes per component the constant
 * log w_k - log det(Sigma_k)/2 - d log(2 pi)/2 and a whitening factor (the inverse Cholesky factor,
 * inverse standard deviations, or the inverse variance), so a log density costs O(K d^2) at most.
 *
 * @example
 * const gm = new GaussianMixture({ covarianceType: 'spherical', dim: 1, weights: Float64Array.of(0.5, 0.5),
 *   means: Float64Array.of(-1, 1), covariances: Float64Array.of(0.25, 0.25) });
 * gm.logPdf([0.3]); gm.sample(Rng.fromSeed(1), 100);
 */
export class GaussianMixture extends MixtureModel {
  readonly covarianceType: CovarianceType;
  readonly dim: number;
  readonly components: number;
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
  /** log w_k - log det(Sigma_k)/2 - d log(2 pi)/2. */
  readonly logConstants: Float64Array;
  /** full: inverse Cholesky factors (K x d x d lower); diag: 1/sd (K x d); spherical: 1/variance (K). */
  readonly whitening: Float64Array;
  /** full: Cholesky factors of the covariances (for sampling); diag: sd; spherical: sd. */
  private readonly colouring: Float64Array;

  constructor(params: GaussianMixtureParameters) {
    super();
    const { covarianceType: type, dim: d } = params;
    if (type !== 'full' && type !== 'diag' && type !== 'spherical') throw invalidValue('covarianceType', type, 'full, diag or spherical');
    if (!Number.isInteger(d) || d < 1) throw invalidValue('dim', d, 'an integer >= 1');
    const k = params.weights.length;
    if (k < 1) throw invalidValue('weights', [], 'at least one component');
    if (params.means.length !== k * d) throw new GibbsError(`means: has ${params.means.length} numbers, expected components x dim = ${k} x ${d}`, 'means');
    const cs = covarianceSize(type, d);
    if (params.covariances.length !== k * cs) throw new GibbsError(`covariances: has ${params.covariances.length} numbers, expected ${k} x ${cs} for ${type} covariances in ${d} dimensions`, 'covariances');
    let wsum = 0;
    params.weights.forEach((w, i) => {
      if (!(w >= 0) || w === Infinity) throw invalidValue(`weights[${i}]`, w, 'a number >= 0');
      wsum += w;
    });
    if (Math.abs(wsum - 1) > 1e-9) throw new GibbsError(`weights: sum to ${wsum}, expected 1`, 'weights');
    params.means.forEach((m, i) => {
      if (!Number.isFinite(m)) throw invalidValue(`means[${Math.floor(i / d)}][${i % d}]`, m, 'a finite number');
    });
    this.covarianceType = type;
    this.dim = d;
    this.components = k;
    this.weights = Float64Array.from(params.weights);
    this.means = Float64Array.from(params.means);
    this.covariances = Float64Array.from(params.covariances);
    this.logConstants = new Float64Array(k);
    this.whitening = new Float64Array(k * cs);
    this.colouring = new Float64Array(k * cs);
    for (let c = 0; c < k; c++) {
      let logDet = 0;
      if (type === 'full') {
        const l = choleskyOrNull(this.covariances.subarray(c * d * d, (c + 1) * d * d), d);
        if (l === null) throw new GibbsError(`covariances[${c}]: not positive definite`, 'covariances');
        this.colouring.set(l, c * d * d);
        this.whitening.set(invertLower(l, d), c * d * d);
        for (let i = 0; i < d; i++) logDet += 2 * Math.log(l[i * d + i]);
      } else {
        for (let i = 0; i < cs; i++) {
          const v = this.covariances[c * cs + i];
          if (!(v > 0) || v === Infinity) throw invalidValue(`covariances[${c}]${cs > 1 ? `[${i}]` : ''}`, v, 'a variance > 0');
          this.colouring[c * cs + i] = Math.sqrt(v);
          this.whitening[c * cs + i] = type === 'diag' ? 1 / Math.sqrt(v) : 1 / v;
          logDet += (type === 'diag' ? 1 : d) * Math.log(v);
        }
      }
      this.logConstants[c] = Math.log(this.weights[c]) - 0.5 * logDet - 0.5 * d * LOG_2PI;
    }
  }

  /**
   * log w_k + log N(x | mean_k, Sigma_k) for every component k, written into `out` (length K).
   * `x` is read from `data` at `offset` (so rows of a matrix need no copy).
   */
  componentLogJoint(data: ArrayLike<number>, offset: number, out: Float64Array): Float64Array {
    const { dim: d, components: k, means, whitening } = this;
    for (let c = 0; c < k; c++) {
      let q = 0;
      if (this.covarianceType === 'full') {
        const base = c * d * d;
        for (let a = 0; a < d; a++) {
          let s = 0;
          for (let b = 0; b <= a; b++) s += whitening[base + a * d + b] * (data[offset + b] - means[c * d + b]);
          q += s * s;
        }
      } else if (this.covarianceType === 'diag') {
        for (let a = 0; a < d; a++) {
          const t = (data[offset + a] - means[c * d + a]) * whitening[c * d + a];
          q += t * t;
        }
      } else {
        for (let a = 0; a < d; a++) {
          const t = data[offset + a] - means[c * d + a];
          q += t * t;
        }
        q *= whitening[c];
      }
      out[c] = this.logConstants[c] - 0.5 * q;
    }
    return out;
  }

  /** Number of free parameters: (K - 1) weights + K d means + K covariance parameters. */
  parameterCount(): number {
    return this.components - 1 + this.components * this.dim + this.components * covarianceParameterCount(this.covarianceType, this.dim);
  }

  /** `n` draws from the mixture (n x d row-major) with their component labels. */
  sample(rng: Rng, n: number): { points: DataMatrix; labels: Int32Array } {
    if (!Number.isInteger(n) || n < 0) throw invalidValue('n', n, 'an integer >= 0');
    const d = this.dim;
    const out = new Float64Array(n * d);
    const labels = new Int32Array(n);
    const z = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const c = categoricalVariate(rng, this.weights, 1);
      labels[i] = c;
      for (let a = 0; a < d; a++) z[a] = rng.normal();
      for (let a = 0; a < d; a++) {
        let v: number;
        if (this.covarianceType === 'full') {
          v = 0;
          for (let b = 0; b <= a; b++) v += this.colouring[c * d * d + a * d + b] * z[b];
        } else {
          v = z[a] * this.colouring[this.covarianceType === 'diag' ? c * d + a : c];
        }
        out[i * d + a] = this.means[c * d + a] + v;
      }
    }
    return { points: { data: out, rows: n, cols: d }, labels };
  }

  /** Covariance of component k as a full d x d matrix. */
  covarianceMatrix(k: number): Float64Array {
    const d = this.dim;
    if (this.covarianceType === 'full') return this.covariances.slice(k * d * d, (k + 1) * d * d);
    const out = new Float64Array(d * d);
    for (let a = 0; a < d; a++) out[a * d + a] = this.covarianceType === 'diag' ? this.covariances[k * d + a] : this.covariances[k];
    return out;
  }

  /** The parameters (copies). */
  parameters(): GaussianMixtureParameters {
    return { covarianceType: this.covarianceType, dim: this.dim, weights: this.weights.slice(), means: this.means.slice(), covariances: this.covariances.slice() };
  }

}
