/**
 * Variational Bayes for a Gaussian mixture (Bishop, PRML sec. 10.2; Attias 1999): Dirichlet(alpha0)
 * prior on the weights, Normal-Wishart(m0, beta0, W0, nu0) prior on each component's mean and
 * precision, and the mean-field posterior q(Z) q(pi) prod_k q(mu_k, Lambda_k), updated by
 * coordinate ascent. Priors default to scikit-learn's BayesianGaussianMixture
 * (weight_concentration_prior_type='dirichlet_distribution'): alpha0 = 1/K, beta0 = 1, m0 = the
 * data mean, nu0 = d, W0^-1 = the data covariance.
 *
 * The E-step has the form of an EM E-step, log rho_nk = E[log pi_k] + E[log N(x_n | mu_k, Lambda_k)],
 * with E[log N] = (E[log|Lambda_k|] - d log 2pi - d/beta_k - nu_k (x - m_k)^T W_k (x - m_k)) / 2, so
 * it reuses the fused EM pass. For r = softmax(log rho) the data part of the ELBO is
 * sum_n log sum_k rho_nk, hence
 *   ELBO = sum_n log sum_k rho_nk - KL(q(pi) || p(pi)) - sum_k KL(q(mu_k, Lambda_k) || p(mu_k, Lambda_k)),
 * a lower bound on the log evidence log p(X) that never decreases from one iteration to the next.
 */
import { GibbsError, invalidValue } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { type DataMatrix, requireDataMatrix } from './data-matrix.js';
import { GaussianMixture } from './gaussian-mixture.js';
import { type Accumulators, fusedPass, hardAssignmentSums, newAccumulators } from './gaussian-mixture-em.js';
import { kmeans, kmeansPlusPlus } from './kmeans.js';
import { cholesky, inverseFromCholesky, invertLower, logDetFromCholesky } from './linalg.js';
import { LOG_2PI, digamma, logGamma, logMultivariateGamma, multivariateDigamma } from './special.js';

/** Prior hyperparameters of the variational Gaussian mixture. */
export interface VariationalPrior {
  /** Dirichlet concentration alpha0 of each weight. */
  weightConcentration: number;
  /** beta0: the prior mean's precision is beta0 Lambda_k. */
  meanPrecision: number;
  /** m0, length d. */
  mean: Float64Array;
  /** nu0 > d - 1. */
  degreesOfFreedom: number;
  /** W0^-1 (d x d, symmetric positive definite): E[Lambda^-1] = W0^-1 / (nu0 - d - 1). */
  covariance: Float64Array;
}

/** The variational posterior's parameters (K components). */
export interface VariationalPosterior {
  weightConcentration: Float64Array; // alpha_k
  meanPrecision: Float64Array; // beta_k
  means: Float64Array; // m_k, K x d
  degreesOfFreedom: Float64Array; // nu_k
  /** W_k^-1, K x d x d. */
  scaleInverse: Float64Array;
}

/** Options of {@link fitVariationalGaussianMixture}. */
export interface VariationalGaussianMixtureOptions {
  /** Maximum number of components K (unused ones are pruned). */
  components: number;
  prior?: Partial<VariationalPrior>;
  /** Stop when the ELBO changes by less than this per point; default 1e-5. */
  tolerance?: number;
  maxIterations?: number;
  restarts?: number;
  rng?: Rng;
  /** Start from these responsibilities (n x K) instead of k-means (one run). */
  initialResponsibilities?: Float64Array;
  /** Components whose expected weight is below this are pruned from the returned model; default 1e-3. */
  pruneBelow?: number;
  onIteration?: (info: { restart: number; iteration: number; elbo: number }) => void;
}

/** Result of {@link fitVariationalGaussianMixture}. */
export interface VariationalGaussianMixtureFit {
  /** Plug-in mixture of the kept components: weights E[pi] (renormalised), means m_k, covariances W_k^-1 / nu_k. */
  model: GaussianMixture;
  /** Final ELBO: a lower bound on log p(X) under the prior. */
  elbo: number;
  history: number[];
  iterations: number;
  converged: boolean;
  tolerance: number;
  maxIterations: number;
  posterior: VariationalPosterior;
  prior: VariationalPrior;
  /** Indices (into the K fitted components) of those kept after pruning. */
  kept: number[];
  /** Total log-likelihood of the data under the plug-in model. */
  logLikelihood: number;
  restarts: Array<{ elbo: number; iterations: number; converged: boolean }>;
}

/** scikit-learn's default prior for data `x` and K components. */
export function defaultVariationalPrior(x: DataMatrix, k: number): VariationalPrior {
  const { data, rows: n, cols: d } = x;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) mean[a] += data[i * d + a] / n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] += ((data[i * d + a] - mean[a]) * (data[i * d + b] - mean[b])) / Math.max(1, n - 1);
  return { weightConcentration: 1 / k, meanPrecision: 1, mean, degreesOfFreedom: d, covariance: cov };
}

function resolvePrior(x: DataMatrix, k: number, given: Partial<VariationalPrior> = {}): VariationalPrior {
  const p = { ...defaultVariationalPrior(x, k), ...given };
  const d = x.cols;
  if (!(p.weightConcentration > 0)) throw invalidValue('prior.weightConcentration', p.weightConcentration, 'a number > 0');
  if (!(p.meanPrecision > 0)) throw invalidValue('prior.meanPrecision', p.meanPrecision, 'a number > 0');
  if (!(p.degreesOfFreedom > d - 1)) throw invalidValue('prior.degreesOfFreedom', p.degreesOfFreedom, `a number > d - 1 = ${d - 1}`);
  if (p.mean.length !== d) throw invalidValue('prior.mean', Array.from(p.mean), `${d} numbers`);
  cholesky(p.covariance, d, 'prior.covariance');
  return p;
}

/**
 * Fit the variational Bayesian Gaussian mixture by coordinate ascent on the ELBO.
 * @example
 * const fit = fitVariationalGaussianMixture(x, { components: 8, rng: Rng.fromSeed(1) });
 * fit.elbo; fit.model.components; // unused components pruned
 */
export function fitVariationalGaussianMixture(x: DataMatrix, options: VariationalGaussianMixtureOptions): VariationalGaussianMixtureFit {
  requireDataMatrix(x);
  const k = options.components;
  if (!Number.isInteger(k) || k < 1 || k > x.rows) throw invalidValue('components', k, `an integer from 1 to the number of points (${x.rows})`);
  const tolerance = options.tolerance ?? 1e-5;
  const maxIterations = options.maxIterations ?? 500;
  const restarts = options.initialResponsibilities ? 1 : (options.restarts ?? 3);
  const pruneBelow = options.pruneBelow ?? 1e-3;
  if (!(tolerance >= 0)) throw invalidValue('tolerance', tolerance, 'a number >= 0');
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw invalidValue('maxIterations', maxIterations, 'an integer >= 1');
  if (!Number.isInteger(restarts) || restarts < 1) throw invalidValue('restarts', restarts, 'an integer >= 1');
  const prior = resolvePrior(x, k, options.prior);
  const rng = options.rng ?? Rng.fromSeed(0);
  let best: ReturnType<typeof runVb> | null = null;
  const runs: VariationalGaussianMixtureFit['restarts'] = [];
  for (let r = 0; r < restarts; r++) {
    const acc = options.initialResponsibilities ? softAssignmentSums(x, options.initialResponsibilities, k) : kmeansAssignment(x, k, rng);
    const result = runVb(x, prior, acc, tolerance, maxIterations, (iteration, elbo) => options.onIteration?.({ restart: r, iteration, elbo }));
    runs.push({ elbo: result.elbo, iterations: result.iterations, converged: result.converged });
    if (best === null || result.elbo > best.elbo) best = result;
  }
  const b = best as ReturnType<typeof runVb>;
  const { model, kept } = plugInModel(b.posterior, x.cols, pruneBelow);
  return { ...b, model, kept, prior, tolerance, maxIterations, logLikelihood: model.logLikelihood(x), restarts: runs };
}

function kmeansAssignment(x: DataMatrix, k: number, rng: Rng): { acc: Accumulators; centre: Float64Array } {
  const { labels, centers } = kmeans(x, kmeansPlusPlus(x, k, rng));
  return { acc: hardAssignmentSums(x, labels, centers, k, 'full'), centre: centers };
}

function softAssignmentSums(x: DataMatrix, resp: Float64Array, k: number): { acc: Accumulators; centre: Float64Array } {
  const { data, rows: n, cols: d } = x;
  if (resp.length !== n * k) throw new GibbsError(`initialResponsibilities: has ${resp.length} entries, expected points x components = ${n} x ${k}`, 'initialResponsibilities');
  const acc = newAccumulators(k, d, 'full');
  const centre = new Float64Array(k * d); // sums around the origin at the start
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c];
      acc.n[c] += r;
      for (let a = 0; a < d; a++) {
        acc.s1[c * d + a] += r * data[i * d + a];
        for (let b = 0; b <= a; b++) acc.s2[c * d * d + a * d + b] += r * data[i * d + a] * data[i * d + b];
      }
    }
  }
  return { acc, centre };
}

/** q(pi), q(mu, Lambda) from the weighted sums (PRML eqs. 10.58, 10.60-10.63). */
function vbMStep(acc: Accumulators, centre: Float64Array, prior: VariationalPrior, k: number, d: number): VariationalPosterior {
  const post: VariationalPosterior = {
    weightConcentration: new Float64Array(k),
    meanPrecision: new Float64Array(k),
    means: new Float64Array(k * d),
    degreesOfFreedom: new Float64Array(k),
    scaleInverse: new Float64Array(k * d * d),
  };
  const xbar = new Float64Array(d);
  const shift = new Float64Array(d);
  for (let c = 0; c < k; c++) {
    const nk = acc.n[c] + 10 * Number.EPSILON; // as scikit-learn
    for (let a = 0; a < d; a++) {
      shift[a] = acc.s1[c * d + a] / nk;
      xbar[a] = centre[c * d + a] + shift[a];
    }
    const beta = prior.meanPrecision + nk;
    post.weightConcentration[c] = prior.weightConcentration + nk;
    post.meanPrecision[c] = beta;
    post.degreesOfFreedom[c] = prior.degreesOfFreedom + nk;
    for (let a = 0; a < d; a++) post.means[c * d + a] = (prior.meanPrecision * prior.mean[a] + nk * xbar[a]) / beta;
    const f = (prior.meanPrecision * nk) / beta;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        const scatter = acc.s2[c * d * d + a * d + b] - nk * shift[a] * shift[b]; // N_k S_k
        const v = prior.covariance[a * d + b] + scatter + f * (xbar[a] - prior.mean[a]) * (xbar[b] - prior.mean[b]);
        post.scaleInverse[c * d * d + a * d + b] = v;
        post.scaleInverse[c * d * d + b * d + a] = v;
      }
    }
  }
  return post;
}

/** ln B(W, nu) of the Wishart normaliser, from log|W^-1| (PRML B.79). */
function logWishartB(logDetScaleInverse: number, nu: number, d: number): number {
  return (nu / 2) * logDetScaleInverse - ((nu * d) / 2) * Math.LN2 - logMultivariateGamma(nu / 2, d);
}

interface VbStep {
  logConst: Float64Array;
  whitening: Float64Array;
  /** KL(q(pi)||p(pi)) + sum_k KL(q(mu_k, Lambda_k)||p(mu_k, Lambda_k)). */
  kl: number;
}

/** E-step constants and whitening factors, and the KL terms of the ELBO (PRML 10.64-10.66, 10.71-10.77). */
function vbStep(post: VariationalPosterior, prior: VariationalPrior, k: number, d: number): VbStep {
  const logConst = new Float64Array(k);
  const whitening = new Float64Array(k * d * d);
  const priorChol = cholesky(prior.covariance, d, 'prior.covariance');
  const logDetPriorScaleInverse = logDetFromCholesky(priorChol, d);
  let alphaSum = 0;
  for (let c = 0; c < k; c++) alphaSum += post.weightConcentration[c];
  const psiAlphaSum = digamma(alphaSum);
  const a0 = prior.weightConcentration;
  // KL(Dir(alpha) || Dir(alpha0)) = ln C(alpha) - ln C(alpha0) + sum_k (alpha_k - alpha0)(psi(alpha_k) - psi(sum alpha))
  let kl = logGamma(alphaSum) - logGamma(k * a0) + k * logGamma(a0);
  const dm = new Float64Array(d);
  for (let c = 0; c < k; c++) {
    const alpha = post.weightConcentration[c];
    const beta = post.meanPrecision[c];
    const nu = post.degreesOfFreedom[c];
    const eLogPi = digamma(alpha) - psiAlphaSum;
    kl += -logGamma(alpha) + (alpha - a0) * eLogPi;
    const scaleInv = post.scaleInverse.subarray(c * d * d, (c + 1) * d * d);
    const l = cholesky(scaleInv, d, `component ${c} scale`);
    const logDetScaleInverse = logDetFromCholesky(l, d);
    const eLogDetLambda = multivariateDigamma(nu / 2, d) + d * Math.LN2 - logDetScaleInverse; // ln Lambda-tilde
    // E-step: covariance C = W^-1 / nu, whitening P = chol(C)^-1 = sqrt(nu) L^-1
    const li = invertLower(l, d);
    const sqrtNu = Math.sqrt(nu);
    for (let i = 0; i < d * d; i++) whitening[c * d * d + i] = sqrtNu * li[i];
    logConst[c] = eLogPi + 0.5 * (eLogDetLambda - d * LOG_2PI - d / beta);
    // KL(q(mu, Lambda) || p(mu, Lambda)) = E_q[ln q] - E_q[ln p]
    for (let a = 0; a < d; a++) dm[a] = post.means[c * d + a] - prior.mean[a];
    let quad = 0; // (m - m0)^T W (m - m0) = |L^-1 (m - m0)|^2
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let b = 0; b <= a; b++) s += li[a * d + b] * dm[b];
      quad += s * s;
    }
    const w = inverseFromCholesky(l, d); // W
    let traceW0invW = 0;
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) traceW0invW += prior.covariance[a * d + b] * w[b * d + a];
    const b0 = prior.meanPrecision;
    const nu0 = prior.degreesOfFreedom;
    const eLogP =
      0.5 * (d * Math.log(b0 / (2 * Math.PI)) + eLogDetLambda - (d * b0) / beta - b0 * nu * quad) +
      logWishartB(logDetPriorScaleInverse, nu0, d) +
      ((nu0 - d - 1) / 2) * eLogDetLambda -
      0.5 * nu * traceW0invW;
    const entropyLambda = -logWishartB(logDetScaleInverse, nu, d) - ((nu - d - 1) / 2) * eLogDetLambda + (nu * d) / 2;
    const eLogQ = 0.5 * eLogDetLambda + (d / 2) * Math.log(beta / (2 * Math.PI)) - d / 2 - entropyLambda;
    kl += eLogQ - eLogP;
  }
  return { logConst, whitening, kl };
}

function runVb(
  x: DataMatrix,
  prior: VariationalPrior,
  start: { acc: Accumulators; centre: Float64Array },
  tolerance: number,
  maxIterations: number,
  onIteration: (iteration: number, elbo: number) => void,
): { posterior: VariationalPosterior; elbo: number; history: number[]; iterations: number; converged: boolean } {
  const k = start.acc.n.length;
  const d = x.cols;
  let post = vbMStep(start.acc, start.centre, prior, k, d);
  const acc = newAccumulators(k, d, 'full');
  const history: number[] = [];
  let converged = false;
  let iterations = 0;
  for (;;) {
    const step = vbStep(post, prior, k, d);
    const elbo = fusedPass(x, 'full', step.logConst, step.whitening, post.means, acc) - step.kl; // ELBO(r_new, q)
    history.push(elbo);
    if (iterations > 0) onIteration(iterations, elbo);
    const n = history.length;
    if (n > 1 && Math.abs(history[n - 1] - history[n - 2]) < tolerance * x.rows) converged = true;
    if (converged || iterations >= maxIterations) break;
    post = vbMStep(acc, post.means, prior, k, d);
    iterations++;
  }
  return { posterior: post, elbo: history[history.length - 1], history, iterations, converged };
}

/** The plug-in Gaussian mixture of the components whose expected weight is at least `pruneBelow`. */
function plugInModel(post: VariationalPosterior, d: number, pruneBelow: number): { model: GaussianMixture; kept: number[] } {
  const k = post.weightConcentration.length;
  let total = 0;
  for (let c = 0; c < k; c++) total += post.weightConcentration[c];
  const kept: number[] = [];
  for (let c = 0; c < k; c++) if (post.weightConcentration[c] / total >= pruneBelow) kept.push(c);
  if (kept.length === 0) kept.push(post.weightConcentration.indexOf(Math.max(...post.weightConcentration)));
  let keptTotal = 0;
  for (const c of kept) keptTotal += post.weightConcentration[c];
  const weights = Float64Array.from(kept, (c) => post.weightConcentration[c] / keptTotal);
  const means = new Float64Array(kept.length * d);
  const covariances = new Float64Array(kept.length * d * d);
  kept.forEach((c, j) => {
    means.set(post.means.subarray(c * d, (c + 1) * d), j * d);
    for (let i = 0; i < d * d; i++) covariances[j * d * d + i] = post.scaleInverse[c * d * d + i] / post.degreesOfFreedom[c];
  });
  return { model: new GaussianMixture({ covarianceType: 'full', dim: d, weights, means, covariances }), kept };
}
