/**
 * An independent Monte Carlo check of the conjugate-normal posterior: draw (mu, sigma2) from the
 * prior, weight each draw by the likelihood of the data, and estimate posterior means and the
 * evidence by (self-normalised) importance sampling, each with its standard error.
 */
import { invalidValue } from '../core/errors.js';
import { logSumExp } from '../core/numerics.js';
import type { Rng } from '../core/rng.js';
import { type NigParameters, requireNigPrior } from './conjugate-normal.js';
import { NormalInverseGamma } from './normal-inverse-gamma.js';
import { LOG_2PI } from './special.js';

/** An importance-sampling estimate and its standard error (delta method). */
export interface CheckedEstimate {
  mean: number;
  error: number;
}

/** Result of {@link checkNormalPosteriorByImportanceSampling}. */
export interface ImportanceSamplingCheck {
  /** E[mu | data]. */
  mu: CheckedEstimate;
  /** E[sigma2 | data]. */
  sigma2: CheckedEstimate;
  /** log p(data) = log E_prior[p(data | mu, sigma2)]. */
  logEvidence: CheckedEstimate;
  /** Effective sample size (sum w)^2 / sum w^2 of the importance weights. */
  ess: number;
}

/**
 * Estimate posterior means and log evidence of the Normal model by importance sampling from a
 * proper NIG prior, independent of the conjugate formulas (which the test compares it with).
 * Keep the data set small (the prior must overlap the posterior) and `samples` large.
 * @example checkNormalPosteriorByImportanceSampling({ mu: 0, kappa: 1, alpha: 2, beta: 2 }, [0.3, 1.1], Rng.fromSeed(1), 1e5)
 */
export function checkNormalPosteriorByImportanceSampling(prior: NigParameters, data: ArrayLike<number>, rng: Rng, samples: number): ImportanceSamplingCheck {
  requireNigPrior(prior);
  if (!Number.isInteger(samples) || samples < 100) throw invalidValue('samples', samples, 'an integer >= 100');
  const nig = new NormalInverseGamma(prior.mu, prior.kappa, prior.alpha, prior.beta);
  const logW = new Float64Array(samples);
  const mus = new Float64Array(samples);
  const vars = new Float64Array(samples);
  for (let s = 0; s < samples; s++) {
    const { mu, sigma2 } = nig.sample(rng);
    let ll = -0.5 * data.length * (LOG_2PI + Math.log(sigma2));
    for (let i = 0; i < data.length; i++) ll -= ((data[i] - mu) * (data[i] - mu)) / (2 * sigma2);
    logW[s] = ll;
    mus[s] = mu;
    vars[s] = sigma2;
  }
  const logSum = logSumExp(logW);
  const w = logW.map((l) => Math.exp(l - logSum)); // normalised weights
  let sumW2 = 0;
  for (let s = 0; s < samples; s++) sumW2 += w[s] * w[s];
  const selfNormalised = (f: Float64Array): CheckedEstimate => {
    let mean = 0;
    for (let s = 0; s < samples; s++) mean += w[s] * f[s];
    let v = 0;
    for (let s = 0; s < samples; s++) v += w[s] * w[s] * (f[s] - mean) * (f[s] - mean);
    return { mean, error: Math.sqrt(v) };
  };
  // log mean of the raw weights; relative error of the mean weight = sd(w)/(mean(w) sqrt(n))
  const logEvidence = logSum - Math.log(samples);
  const relativeSd = Math.sqrt(Math.max(0, samples * sumW2 - 1));
  return { mu: selfNormalised(mus), sigma2: selfNormalised(vars), logEvidence: { mean: logEvidence, error: relativeSd / Math.sqrt(samples) }, ess: 1 / sumW2 };
}
