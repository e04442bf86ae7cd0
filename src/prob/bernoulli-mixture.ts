/**
 * Mixture of multivariate Bernoulli distributions for binary vectors (spin configurations mapped
 * to 0/1, binarised images): p(x) = sum_k w_k prod_j mu_kj^x_j (1 - mu_kj)^(1 - x_j), fitted by EM
 * (Bishop, PRML sec. 9.3.3). Each mu_kj gets a Beta(1 + a, 1 + a) prior (a = pseudoCount) so that
 * no probability reaches 0 or 1; EM then maximises the penalised log-likelihood
 * L + a sum_kj log(mu_kj (1 - mu_kj)), which never decreases.
 */
import { GibbsError, invalidValue } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { type DataMatrix, requireDataMatrix } from './data-matrix.js';
import { kmeans, kmeansPlusPlus } from './kmeans.js';
import { MixtureModel, logSumExpOf } from './mixture-model.js';
import { categoricalVariate } from './variates.js';

/** Throw unless every entry of the data is 0 or 1. */
export function requireBinary(x: DataMatrix): DataMatrix {
  requireDataMatrix(x);
  for (let i = 0; i < x.data.length; i++) {
    const v = x.data[i];
    if (v !== 0 && v !== 1) throw invalidValue(`data[${Math.floor(i / x.cols)}][${i % x.cols}]`, v, '0 or 1 (a Bernoulli mixture models binary vectors)');
  }
  return x;
}

/**
 * A Bernoulli mixture with weights w (K) and probabilities mu (K x d, row-major).
 * @example
 * const bm = new BernoulliMixture(Float64Array.of(0.5, 0.5), Float64Array.of(0.9, 0.9, 0.1, 0.1), 2);
 * bm.logPdf([1, 1]);
 */
export class BernoulliMixture extends MixtureModel {
  readonly components: number;
  readonly dim: number;
  readonly weights: Float64Array;
  readonly probabilities: Float64Array;
  /** log w_k + sum_j log(1 - mu_kj): the log joint of the all-zero vector. */
  private readonly base: Float64Array;
  /** log(mu / (1 - mu)): added for each j with x_j = 1. */
  private readonly logits: Float64Array;

  constructor(weights: ArrayLike<number>, probabilities: ArrayLike<number>, dim: number) {
    super();
    const k = weights.length;
    if (!Number.isInteger(dim) || dim < 1) throw invalidValue('dim', dim, 'an integer >= 1');
    if (k < 1) throw invalidValue('weights', [], 'at least one component');
    if (probabilities.length !== k * dim) throw new GibbsError(`probabilities: has ${probabilities.length} numbers, expected components x dim = ${k} x ${dim}`, 'probabilities');
    let sum = 0;
    for (let c = 0; c < k; c++) {
      if (!(weights[c] >= 0)) throw invalidValue(`weights[${c}]`, weights[c], 'a number >= 0');
      sum += weights[c];
    }
    if (Math.abs(sum - 1) > 1e-9) throw new GibbsError(`weights: sum to ${sum}, expected 1`, 'weights');
    for (let i = 0; i < probabilities.length; i++) {
      const p = probabilities[i];
      if (!(p >= 0 && p <= 1)) throw invalidValue(`probabilities[${Math.floor(i / dim)}][${i % dim}]`, p, 'a probability from 0 to 1');
    }
    this.components = k;
    this.dim = dim;
    this.weights = Float64Array.from(weights);
    this.probabilities = Float64Array.from(probabilities);
    this.base = new Float64Array(k);
    this.logits = new Float64Array(k * dim);
    for (let c = 0; c < k; c++) {
      let b = Math.log(this.weights[c]);
      for (let j = 0; j < dim; j++) {
        const p = this.probabilities[c * dim + j];
        b += Math.log1p(-p);
        this.logits[c * dim + j] = Math.log(p) - Math.log1p(-p);
      }
      this.base[c] = b;
    }
  }

  /** log w_k + log p(x | k) for every k (x read from `data` at `offset`). */
  componentLogJoint(data: ArrayLike<number>, offset: number, out: Float64Array): Float64Array {
    const d = this.dim;
    for (let c = 0; c < this.components; c++) {
      let v = this.base[c];
      for (let j = 0; j < d; j++) {
        if (data[offset + j] === 1) v += this.logits[c * d + j];
      }
      out[c] = Number.isNaN(v) ? -Infinity : v; // -inf + inf when mu is exactly 0 or 1
    }
    return out;
  }

  /** (K - 1) + K d free parameters. */
  parameterCount(): number {
    return this.components - 1 + this.components * this.dim;
  }

  /** `n` binary vectors and their component labels. */
  sample(rng: Rng, n: number): { points: DataMatrix; labels: Int32Array } {
    if (!Number.isInteger(n) || n < 0) throw invalidValue('n', n, 'an integer >= 0');
    const d = this.dim;
    const data = new Float64Array(n * d);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = categoricalVariate(rng, this.weights, 1);
      labels[i] = c;
      for (let j = 0; j < d; j++) data[i * d + j] = rng.nextDouble() < this.probabilities[c * d + j] ? 1 : 0;
    }
    return { points: { data, rows: n, cols: d }, labels };
  }

}

/** Options of {@link fitBernoulliMixture}. */
export interface BernoulliMixtureFitOptions {
  components: number;
  /** Beta(1 + a, 1 + a) prior on each probability; default a = 0.01. */
  pseudoCount?: number;
  tolerance?: number;
  maxIterations?: number;
  restarts?: number;
  rng?: Rng;
  onIteration?: (info: { restart: number; iteration: number; objective: number }) => void;
}

/** Result of {@link fitBernoulliMixture}. */
export interface BernoulliMixtureFit {
  model: BernoulliMixture;
  logLikelihood: number;
  bic: number;
  /** Penalised log-likelihood before each M-step (non-decreasing). */
  history: number[];
  iterations: number;
  converged: boolean;
  tolerance: number;
  maxIterations: number;
  restarts: Array<{ logLikelihood: number; iterations: number; converged: boolean }>;
}

/**
 * Fit a Bernoulli mixture by EM from k-means++/k-means starts; the best of `restarts` runs wins.
 * @example fitBernoulliMixture(spins01, { components: 2, rng: Rng.fromSeed(1) }).model.probabilities
 */
export function fitBernoulliMixture(x: DataMatrix, options: BernoulliMixtureFitOptions): BernoulliMixtureFit {
  requireBinary(x);
  const k = options.components;
  if (!Number.isInteger(k) || k < 1 || k > x.rows) throw invalidValue('components', k, `an integer from 1 to the number of points (${x.rows})`);
  const a = options.pseudoCount ?? 0.01;
  if (!(a >= 0) || !Number.isFinite(a)) throw invalidValue('pseudoCount', a, 'a finite number >= 0');
  const tolerance = options.tolerance ?? 1e-5;
  const maxIterations = options.maxIterations ?? 500;
  const restarts = options.restarts ?? 3;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw invalidValue('maxIterations', maxIterations, 'an integer >= 1');
  if (!Number.isInteger(restarts) || restarts < 1) throw invalidValue('restarts', restarts, 'an integer >= 1');
  const rng = options.rng ?? Rng.fromSeed(0);
  const { rows: n, cols: d } = x;
  let best: Omit<BernoulliMixtureFit, 'tolerance' | 'maxIterations' | 'restarts' | 'bic'> | null = null;
  const runs: BernoulliMixtureFit['restarts'] = [];
  const counts = new Float64Array(k);
  const ones = new Float64Array(k * d);
  const lp = new Float64Array(k);
  for (let r = 0; r < restarts; r++) {
    const { labels } = kmeans(x, kmeansPlusPlus(x, k, rng));
    counts.fill(0);
    ones.fill(0);
    for (let i = 0; i < n; i++) {
      counts[labels[i]]++;
      for (let j = 0; j < d; j++) ones[labels[i] * d + j] += x.data[i * d + j];
    }
    let model = bernoulliMStep(counts, ones, k, d, a);
    const history: number[] = [];
    let converged = false;
    let iterations = 0;
    while (iterations < maxIterations) {
      counts.fill(0);
      ones.fill(0);
      let objective = logPrior(model, a);
      for (let i = 0; i < n; i++) {
        model.componentLogJoint(x.data, i * d, lp);
        const norm = logSumExpOf(lp);
        objective += norm;
        for (let c = 0; c < k; c++) {
          const resp = Math.exp(lp[c] - norm);
          if (resp === 0) continue;
          counts[c] += resp;
          for (let j = 0; j < d; j++) if (x.data[i * d + j] === 1) ones[c * d + j] += resp;
        }
      }
      history.push(objective);
      model = bernoulliMStep(counts, ones, k, d, a);
      iterations++;
      options.onIteration?.({ restart: r, iteration: iterations, objective });
      if (history.length > 1 && Math.abs(objective - history[history.length - 2]) < tolerance * n) {
        converged = true;
        break;
      }
    }
    const logLikelihood = model.logLikelihood(x);
    runs.push({ logLikelihood, iterations, converged });
    if (best === null || logLikelihood > best.logLikelihood) best = { model, logLikelihood, history, iterations, converged };
  }
  const b = best as NonNullable<typeof best>;
  return { ...b, bic: -2 * b.logLikelihood + b.model.parameterCount() * Math.log(n), tolerance, maxIterations, restarts: runs };
}

/** MAP M-step: w_k = N_k / n, mu_kj = (sum_i r_ik x_ij + a) / (N_k + 2a). */
function bernoulliMStep(counts: Float64Array, ones: Float64Array, k: number, d: number, a: number): BernoulliMixture {
  let total = 0;
  for (let c = 0; c < k; c++) total += counts[c] + 10 * Number.EPSILON;
  const weights = Float64Array.from(counts, (v) => (v + 10 * Number.EPSILON) / total);
  const probs = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const denom = counts[c] + 2 * a;
    for (let j = 0; j < d; j++) probs[c * d + j] = denom > 0 ? (ones[c * d + j] + a) / denom : 0.5;
  }
  return new BernoulliMixture(weights, probs, d);
}

/** a sum_kj log(mu_kj (1 - mu_kj)): the log Beta(1 + a, 1 + a) prior up to a constant. */
function logPrior(model: BernoulliMixture, a: number): number {
  if (a === 0) return 0;
  let s = 0;
  for (const p of model.probabilities) s += a * (Math.log(p) + Math.log1p(-p));
  return s;
}
