import { describe, expect, it } from 'vitest';
import { logSumExp } from '../../src/core/numerics.js';
import { Rng } from '../../src/core/rng.js';
import {
  ConjugateNormal,
  type DataMatrix,
  type VariationalPrior,
  cholesky,
  fitVariationalGaussianMixture,
  logDetFromCholesky,
  logGamma,
  logMultivariateGamma,
  toDataMatrix,
} from '../../src/prob/index.js';
import { expectClose, expectNonDecreasing, fixture, threeClusters } from './helpers.js';

interface BayesFx {
  initialResponsibilities: number[];
  priors: { weightConcentration: number; meanPrecision: number; mean: number[]; degreesOfFreedom: number; covariance: number[] };
  weightConcentration: number[];
  meanPrecision: number[];
  means: number[];
  degreesOfFreedom: number[];
  covariances: number[];
}
const fx = fixture<{ iterations: number; data: number[][]; bayesian: BayesFx }>('mixtures.json');

/**
 * Exact log evidence of points under one Normal-Wishart component (Murphy 2007, "Conjugate
 * Bayesian analysis of the Gaussian distribution", eq. 266): -(n d/2) log pi + log Gamma_d(nu_n/2)
 * - log Gamma_d(nu_0/2) + (nu_0/2) log|Psi_0| - (nu_n/2) log|Psi_n| + (d/2) log(beta_0/beta_n).
 */
function normalWishartLogEvidence(points: number[][], prior: VariationalPrior): number {
  const d = prior.mean.length;
  const n = points.length;
  const logDet = (m: Float64Array) => logDetFromCholesky(cholesky(m, d), d);
  if (n === 0) return 0;
  const xbar = new Float64Array(d);
  for (const p of points) for (let a = 0; a < d; a++) xbar[a] += p[a] / n;
  const psi = Float64Array.from(prior.covariance);
  const b0 = prior.meanPrecision;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      for (const p of points) psi[a * d + b] += (p[a] - xbar[a]) * (p[b] - xbar[b]);
      psi[a * d + b] += ((b0 * n) / (b0 + n)) * (xbar[a] - prior.mean[a]) * (xbar[b] - prior.mean[b]);
    }
  }
  const nu0 = prior.degreesOfFreedom;
  return -((n * d) / 2) * Math.log(Math.PI) + logMultivariateGamma((nu0 + n) / 2, d) - logMultivariateGamma(nu0 / 2, d) + (nu0 / 2) * logDet(prior.covariance) - ((nu0 + n) / 2) * logDet(psi) + (d / 2) * Math.log(b0 / (b0 + n));
}

/** Exact log p(X) of the K-component Bayesian mixture by summing over all K^n assignments. */
function exactMixtureLogEvidence(points: number[][], k: number, prior: VariationalPrior): number {
  const n = points.length;
  const a0 = prior.weightConcentration;
  const terms: number[] = [];
  const z = new Array<number>(n).fill(0);
  for (let code = 0; code < k ** n; code++) {
    let c = code;
    for (let i = 0; i < n; i++) {
      z[i] = c % k;
      c = Math.floor(c / k);
    }
    let term = logGamma(k * a0) - logGamma(n + k * a0);
    for (let j = 0; j < k; j++) {
      const members = points.filter((_, i) => z[i] === j);
      term += logGamma(members.length + a0) - logGamma(a0) + normalWishartLogEvidence(members, prior);
    }
    terms.push(term);
  }
  return logSumExp(terms);
}

describe('variational Bayes Gaussian mixture', () => {
  const X = toDataMatrix(fx.data);

  it('matches scikit-learn BayesianGaussianMixture after the same iterations from the same responsibilities', () => {
    const b = fx.bayesian;
    const fit = fitVariationalGaussianMixture(X, { components: 3, tolerance: 0, maxIterations: fx.iterations, initialResponsibilities: Float64Array.from(b.initialResponsibilities), pruneBelow: 0 });
    expect(fit.iterations).toBe(fx.iterations);
    const p = fit.posterior;
    p.weightConcentration.forEach((v, i) => expectClose(v, b.weightConcentration[i], 1e-9, `alpha[${i}]`));
    p.meanPrecision.forEach((v, i) => expectClose(v, b.meanPrecision[i], 1e-9, `beta[${i}]`));
    p.degreesOfFreedom.forEach((v, i) => expectClose(v, b.degreesOfFreedom[i], 1e-9, `nu[${i}]`));
    p.means.forEach((v, i) => expectClose(v, b.means[i], 1e-9, `m[${i}]`));
    fit.model.covariances.forEach((v, i) => expectClose(v, b.covariances[i], 1e-9, `covariance[${i}]`));
    fit.prior.covariance.forEach((v, i) => expectClose(v, b.priors.covariance[i], 1e-12, 'prior covariance'));
  });

  it('the ELBO never decreases', () => {
    const { x } = threeClusters(500, 21);
    const fit = fitVariationalGaussianMixture(x, { components: 6, tolerance: 1e-10, maxIterations: 300, rng: Rng.fromSeed(4) });
    expectNonDecreasing(fit.history);
    expect(fit.elbo).toBe(fit.history[fit.history.length - 1]);
  });

  it('one component: the ELBO is the exact log evidence (d = 1 against the Normal-Inverse-Gamma evidence, d = 2 against Normal-Wishart)', () => {
    const xs = [0.3, -1.2, 2.5, 0.8, 1.1, -0.4, 0.9];
    const x1 = toDataMatrix(xs.map((v) => [v]));
    const prior = { weightConcentration: 1, meanPrecision: 0.5, mean: Float64Array.of(0.2), degreesOfFreedom: 3, covariance: Float64Array.of(1.5) };
    const fit1 = fitVariationalGaussianMixture(x1, { components: 1, prior, tolerance: 0, maxIterations: 3 });
    // NW in one dimension is NIG: sigma2 ~ InvGamma(nu0/2, Psi0/2), mu | sigma2 ~ N(m0, sigma2/beta0)
    const nig = ConjugateNormal.withPrior({ mu: 0.2, kappa: 0.5, alpha: 1.5, beta: 0.75 }).observeAll(xs);
    expectClose(fit1.elbo, nig.logEvidence() as number, 1e-12, 'ELBO vs NIG evidence');
    const pts = [[0.3, 1], [-1.2, 0.4], [2.5, 2.2], [0.8, -0.3], [1.1, 0.7]];
    const prior2 = { weightConcentration: 1, meanPrecision: 2, mean: Float64Array.of(0, 0.5), degreesOfFreedom: 4, covariance: Float64Array.of(1, 0.3, 0.3, 2) };
    const fit2 = fitVariationalGaussianMixture(toDataMatrix(pts), { components: 1, prior: prior2, tolerance: 0, maxIterations: 3 });
    expectClose(fit2.elbo, normalWishartLogEvidence(pts, prior2), 1e-12, 'ELBO vs NW evidence');
  });

  it('two components: the ELBO is below the exact log evidence (all 2^10 assignments summed)', () => {
    const pts = [[0.1, 0.2], [0.4, -0.3], [-0.2, 0.1], [0.3, 0.5], [0, -0.1], [3.1, 2.9], [2.8, 3.3], [3.4, 3], [2.9, 2.6], [3.2, 3.1]];
    const x: DataMatrix = toDataMatrix(pts);
    const fit = fitVariationalGaussianMixture(x, { components: 2, tolerance: 0, maxIterations: 100, rng: Rng.fromSeed(1) });
    const exact = exactMixtureLogEvidence(pts, 2, fit.prior);
    expect(fit.elbo).toBeLessThan(exact);
    // the enumeration itself reduces to the closed form for one component
    expectClose(exactMixtureLogEvidence(pts, 1, fit.prior), normalWishartLogEvidence(pts, fit.prior), 1e-12, 'K = 1 enumeration');
  });

  it('prunes unused components', () => {
    const { x } = threeClusters(1500, 8);
    const fit = fitVariationalGaussianMixture(x, { components: 8, rng: Rng.fromSeed(3) });
    expect(fit.model.components).toBe(3);
    expect(fit.kept).toHaveLength(3);
    expect(fit.converged).toBe(true);
  });
});
