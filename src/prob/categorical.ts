import type { Rng } from '../core/rng.js';
import { requireQuantileLevel } from './distribution.js';
import { entropy, requireDistribution } from './entropy.js';

/**
 * Categorical distribution over the labels 0..K-1 with probabilities `probs` (they must sum to 1).
 * Moments are those of the one-hot vector: mean = probs, covariance = diag(p) - p p^T.
 * Sampling uses the cumulative table and a binary search (O(log K) per draw).
 * @example new Categorical([0.2, 0.5, 0.3]).sample(Rng.fromSeed(1))
 */
export class Categorical {
  readonly probs: Float64Array;
  private readonly cumulative: Float64Array;

  constructor(probs: ArrayLike<number>) {
    this.probs = Float64Array.from(requireDistribution('Categorical.probs', probs));
    this.cumulative = new Float64Array(this.probs.length);
    let acc = 0;
    for (let k = 0; k < this.probs.length; k++) this.cumulative[k] = acc += this.probs[k];
  }

  /** Number of categories K. */
  get size(): number {
    return this.probs.length;
  }

  /** log P(X = k); -Infinity for labels outside 0..K-1. */
  logPdf(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k >= this.probs.length) return -Infinity;
    return Math.log(this.probs[k]);
  }

  /** A label in 0..K-1. */
  sample(rng: Rng): number {
    // u in (0, total]: the smallest k with cumulative[k] >= u then has probs[k] > 0
    return this.search((1 - rng.nextDouble()) * this.cumulative[this.cumulative.length - 1]);
  }

  /** `n` labels. */
  sampleMany(rng: Rng, n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.sample(rng);
    return out;
  }

  /** E[one-hot(X)] = probs. */
  mean(): Float64Array {
    return Float64Array.from(this.probs);
  }

  /** Var of each one-hot coordinate, p_k (1 - p_k). */
  variance(): Float64Array {
    return this.probs.map((p) => p * (1 - p));
  }

  /** Covariance of the one-hot vector, diag(p) - p p^T (K x K, row-major). */
  covariance(): Float64Array {
    const k = this.probs.length;
    const out = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i * k + j] = (i === j ? this.probs[i] : 0) - this.probs[i] * this.probs[j];
    return out;
  }

  /** Shannon entropy in nats. */
  entropy(): number {
    return entropy(this.probs);
  }

  /** P(X <= k) with the labels in their natural order. */
  cdf(k: number): number {
    if (k < 0) return 0;
    if (k >= this.probs.length - 1) return 1;
    return this.cumulative[Math.floor(k)];
  }

  /** The smallest label k with cdf(k) >= u (for u = 0, the first label of positive probability). */
  quantile(u: number): number {
    requireQuantileLevel(u);
    return this.search(u > 0 ? u : Number.MIN_VALUE);
  }

  private search(u: number): number {
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] >= u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
