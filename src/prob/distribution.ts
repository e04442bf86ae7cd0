/**
 * The shared shape of the univariate distributions: log density, sampling with an explicit rng,
 * moments, entropy (nats), and cdf/quantile where they are standard.
 */
import { invalidValue, requireFinite, requirePositive } from '../core/errors.js';
import type { Rng } from '../core/rng.js';

/**
 * A univariate distribution. `logPdf` is the log density for continuous distributions and the
 * log probability mass for discrete ones; `entropy` is the differential (or Shannon) entropy in nats.
 *
 * @example
 * const d = new Normal(0, 2);
 * d.logPdf(1); d.cdf(1); d.quantile(0.975); d.sample(Rng.fromSeed(1));
 */
export abstract class UnivariateDistribution {
  /** Log density (continuous) or log mass (discrete) at x; -Infinity outside the support. */
  abstract logPdf(x: number): number;
  /** One variate. */
  abstract sample(rng: Rng): number;
  /** E[X]: NaN when undefined (e.g. Student-t with df <= 1), Infinity when it diverges. */
  abstract mean(): number;
  /** Var[X]: Infinity when it diverges, NaN when undefined. */
  abstract variance(): number;
  /** Entropy in nats (differential entropy for continuous distributions). */
  abstract entropy(): number;
  /** P(X <= x). */
  abstract cdf(x: number): number;
  /** The smallest x with cdf(x) >= p, for p in [0, 1]. */
  abstract quantile(p: number): number;

  /** Density (or mass) at x. */
  pdf(x: number): number {
    return Math.exp(this.logPdf(x));
  }

  /** `n` independent variates. */
  sampleMany(rng: Rng, n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.sample(rng);
    return out;
  }

  /** Equal-tailed interval holding probability `level` (quantiles (1 - level)/2 and (1 + level)/2). */
  centralInterval(level: number): { lower: number; upper: number } {
    if (!(level > 0 && level < 1)) throw invalidValue('level', level, 'a probability strictly between 0 and 1');
    return { lower: this.quantile((1 - level) / 2), upper: this.quantile((1 + level) / 2) };
  }

  /** Standard deviation sqrt(Var[X]). */
  sd(): number {
    return Math.sqrt(this.variance());
  }
}

/** Throw unless p is a probability in [0, 1] (quantile arguments). */
export function requireQuantileLevel(p: number): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw invalidValue('p', p, 'a probability from 0 to 1');
  return p;
}

/** Validate a named positive parameter of `dist` ("Gamma.shape: got -1, expected ..."). */
export function positiveParameter(dist: string, name: string, value: number): number {
  return requirePositive(`${dist}.${name}`, value);
}

/** Validate a named finite parameter of `dist`. */
export function finiteParameter(dist: string, name: string, value: number): number {
  return requireFinite(`${dist}.${name}`, value);
}
