/**
 * Black-box variational inference (Ranganath, Gerrish & Blei, AISTATS 2014) with a mean-field
 * Gaussian guide q(z) = prod_j N(z_j | m_j, s_j^2) and reparameterisation gradients (Kingma &
 * Welling 2014; Titsias & Lázaro-Gredilla 2014): z = m + s eps, eps ~ N(0, I), so with
 * g = grad log p(x, z) and the entropy H[q] = sum_j log s_j + d (1 + log 2 pi)/2,
 *   d ELBO / d m = E[g],  d ELBO / d log s = E[g eps s] + 1.
 * We use the equal-mean, lower-variance "sticking the landing" form (Roeder, Wu & Duvenaud,
 * NeurIPS 2017): g is replaced by g - grad log q(z) = g + eps/s, and the +1 by nothing
 * (E[eps^2] = 1), so the noise vanishes when q equals the posterior. The user writes log p(x, z)
 * on unconstrained z with the {@link Tape} operations (include the log-Jacobian of any change of
 * variables); gradients come from reverse-mode autodiff. Steps use Adam (Kingma & Ba 2015); the
 * second half of the run decays the step as 1/sqrt(t) and averages the iterates (Polyak–Ruppert).
 * ELBO <= log p(x): the final ELBO is a Monte Carlo estimate with its standard error.
 */
import { type Estimate, estimateSeries } from '../core/estimate.js';
import { invalidValue } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { type Scalar, Tape, type Vector } from './autodiff.js';
import { LOG_2PI } from './special.js';

/**
 * Adam's second-moment decay. The usual 0.999 remembers the huge gradients of the first steps
 * (when the guide is far from the posterior) for ~1000 steps, which then throttles the scale
 * parameters; 0.9 forgets them in ~10 steps.
 */
const BETA2 = 0.9;

/** A log joint density log p(x, z) written with tape operations on the latent vector z. */
export type LogJoint = (tape: Tape, z: Vector) => Scalar;

/** Options of {@link fitMeanFieldGaussian}. */
export interface MeanFieldGaussianOptions {
  /** Dimension of z. */
  dim: number;
  /** Optimisation steps (default 4000). */
  iterations?: number;
  /** Monte Carlo draws per gradient (default 8). */
  samples?: number;
  /** Adam step size (default 0.05). */
  learningRate?: number;
  /** Draws for the final ELBO estimate (default 4000). */
  elboSamples?: number;
  rng?: Rng;
  /** Starting guide (default mean 0, sd 1). */
  init?: { mean: ArrayLike<number>; sd: ArrayLike<number> };
}

/** The fitted mean-field Gaussian guide. */
export interface MeanFieldGaussianFit {
  mean: Float64Array;
  sd: Float64Array;
  /** Monte Carlo estimates (mean, error) of each guide mean and variance from the averaged iterates. */
  meanEstimates: Estimate[];
  varianceEstimates: Estimate[];
  /** ELBO of the final guide (a lower bound on log p(x)), with its Monte Carlo error. */
  elbo: { mean: number; error: number };
  /** Noisy ELBO estimate at each step. */
  trace: Float64Array;
}

function guideEntropy(logSd: Float64Array): number {
  let h = 0.5 * logSd.length * (1 + LOG_2PI);
  for (let j = 0; j < logSd.length; j++) h += logSd[j];
  return h;
}

/**
 * Fit q(z) = N(m, diag(s^2)) to the posterior p(z | x) ∝ exp(logJoint(z)) by maximising the ELBO.
 * @example
 * const fit = fitMeanFieldGaussian((t, z) => t.mul(-0.5, t.sum(t.square(t.sub(z, 3)))), { dim: 2, rng: Rng.fromSeed(1) });
 * fit.mean // ≈ [3, 3]; fit.sd ≈ [1, 1]
 */
export function fitMeanFieldGaussian(logJoint: LogJoint, options: MeanFieldGaussianOptions): MeanFieldGaussianFit {
  const d = options.dim;
  if (!Number.isInteger(d) || d < 1) throw invalidValue('dim', d, 'an integer >= 1');
  const iterations = options.iterations ?? 4000;
  const samples = options.samples ?? 8;
  const lr = options.learningRate ?? 0.05;
  const elboSamples = options.elboSamples ?? 4000;
  if (!Number.isInteger(iterations) || iterations < 2) throw invalidValue('iterations', iterations, 'an integer >= 2');
  if (!Number.isInteger(samples) || samples < 1) throw invalidValue('samples', samples, 'an integer >= 1');
  if (!(lr > 0)) throw invalidValue('learningRate', lr, 'a number > 0');
  const rng = options.rng ?? Rng.fromSeed(0);
  const m = Float64Array.from(options.init?.mean ?? new Float64Array(d));
  const w = Float64Array.from(options.init?.sd ?? new Float64Array(d).fill(1), Math.log); // log s
  if (m.length !== d || w.length !== d) throw invalidValue('init', options.init, `mean and sd of length ${d}`);
  const adam = { m1: new Float64Array(2 * d), m2: new Float64Array(2 * d), t: 0 };
  const grad = new Float64Array(2 * d);
  const eps = new Float64Array(d);
  const trace = new Float64Array(iterations);
  const half = Math.floor(iterations / 2);
  const meanSeries = Array.from({ length: d }, () => new Float64Array(iterations - half));
  const varSeries = Array.from({ length: d }, () => new Float64Array(iterations - half));

  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    let elbo = 0;
    for (let s = 0; s < samples; s++) {
      const tape = new Tape();
      for (let j = 0; j < d; j++) eps[j] = rng.normal();
      const z = tape.vector(Float64Array.from(eps, (e, j) => m[j] + Math.exp(w[j]) * e));
      const lp = logJoint(tape, z);
      if (!Number.isFinite(lp.value)) throw invalidValue('logJoint', lp.value, 'a finite log density at every draw of the guide');
      tape.backward(lp);
      elbo += lp.value / samples;
      for (let j = 0; j < d; j++) {
        const sd = Math.exp(w[j]);
        const path = z.grad[j] + eps[j] / sd; // grad log p - grad log q at z
        grad[j] += path / samples;
        grad[d + j] += (path * eps[j] * sd) / samples;
      }
    }
    trace[it] = elbo + guideEntropy(w);
    // Adam ascent; after the midpoint the step decays as 1/sqrt(t) (Robbins–Monro) for averaging
    adam.t++;
    const step = it < half ? lr : lr / Math.sqrt(it - half + 1);
    for (let p = 0; p < 2 * d; p++) {
      adam.m1[p] = 0.9 * adam.m1[p] + 0.1 * grad[p];
      adam.m2[p] = BETA2 * adam.m2[p] + (1 - BETA2) * grad[p] * grad[p];
      const mhat = adam.m1[p] / (1 - 0.9 ** adam.t);
      const vhat = adam.m2[p] / (1 - BETA2 ** adam.t);
      const delta = (step * mhat) / (Math.sqrt(vhat) + 1e-8);
      if (p < d) m[p] += delta;
      else w[p - d] += delta;
    }
    if (it >= half) {
      for (let j = 0; j < d; j++) {
        meanSeries[j][it - half] = m[j];
        varSeries[j][it - half] = Math.exp(2 * w[j]);
      }
    }
  }
  const meanEstimates = meanSeries.map(estimateSeries);
  const varianceEstimates = varSeries.map(estimateSeries);
  const mean = Float64Array.from(meanEstimates, (e) => e.mean);
  const sd = Float64Array.from(varianceEstimates, (e) => Math.sqrt(e.mean));
  const logSd = sd.map(Math.log);
  // Final ELBO = E_q[log p(x, z) - log q(z)] by fresh draws from the averaged guide. Averaging the
  // difference (rather than adding the exact entropy) has a variance that vanishes as q -> posterior.
  const values = new Float64Array(elboSamples);
  let logNormalizer = 0.5 * d * LOG_2PI;
  for (let j = 0; j < d; j++) logNormalizer += logSd[j];
  for (let s = 0; s < elboSamples; s++) {
    const tape = new Tape();
    let logQ = -logNormalizer;
    for (let j = 0; j < d; j++) {
      eps[j] = rng.normal();
      logQ -= 0.5 * eps[j] * eps[j];
    }
    const z = tape.vector(Float64Array.from(mean, (mu, j) => mu + sd[j] * eps[j]));
    values[s] = logJoint(tape, z).value - logQ;
  }
  let sum = 0;
  for (const v of values) sum += v;
  const avg = sum / elboSamples;
  let v2 = 0;
  for (const v of values) v2 += (v - avg) * (v - avg);
  return { mean, sd, meanEstimates, varianceEstimates, elbo: { mean: avg, error: Math.sqrt(v2 / (elboSamples - 1) / elboSamples) }, trace };
}
