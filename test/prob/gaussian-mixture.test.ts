import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import {
  type CovarianceType,
  GaussianMixture,
  fitGaussianMixture,
  toDataMatrix,
} from '../../src/prob/index.js';
import { expectClose, expectNonDecreasing, fixture, threeClusters } from './helpers.js';

interface GaussianCase {
  covarianceType: CovarianceType;
  regularization: number;
  init: { weights: number[]; means: number[]; covariances: number[] };
  weights: number[];
  means: number[];
  covariances: number[];
  logLikelihood: number;
}
const fx = fixture<{ iterations: number; data: number[][]; gaussian: GaussianCase[] }>('mixtures.json');
const X = toDataMatrix(fx.data);

describe('Gaussian mixture EM against scikit-learn (same start, same number of iterations)', () => {
  it.each(fx.gaussian.map((c) => [c.covarianceType, c.regularization, c] as const))('%s covariance, reg %s', (type, reg, c) => {
    const fit = fitGaussianMixture(X, {
      components: 3,
      covarianceType: type,
      regularization: reg,
      tolerance: 0,
      maxIterations: fx.iterations,
      init: { covarianceType: type, dim: 3, weights: Float64Array.from(c.init.weights), means: Float64Array.from(c.init.means), covariances: Float64Array.from(c.init.covariances) },
    });
    expect(fit.iterations).toBe(fx.iterations);
    // reg = 0: identical algorithm (rounding only). reg > 0: our E-step carries the regulariser's
    // -eps tr(Sigma^-1)/2 term (so the objective is monotone), a 1e-6-sized difference.
    const tol = reg === 0 ? 1e-9 : 1e-5;
    expectClose(fit.logLikelihood, c.logLikelihood, reg === 0 ? 1e-12 : 1e-7, 'logLikelihood');
    fit.model.weights.forEach((w, i) => expectClose(w, c.weights[i], tol, `weights[${i}]`));
    fit.model.means.forEach((m, i) => expectClose(m, c.means[i], tol, `means[${i}]`));
    fit.model.covariances.forEach((v, i) => expectClose(v, c.covariances[i], tol, `covariances[${i}]`));
  });
});

describe('EM monotonicity', () => {
  const { x } = threeClusters(600, 3);
  it.each(['full', 'diag', 'spherical'] as const)('%s: the objective never decreases (k-means++ start, 3 restarts, reg 1e-6 and 0)', (type) => {
    for (const regularization of [1e-6, 0]) {
      const fit = fitGaussianMixture(x, { components: 4, covarianceType: type, regularization, tolerance: 1e-10, maxIterations: 200, rng: Rng.fromSeed(1) });
      expect(fit.history.length).toBe(fit.iterations);
      expectNonDecreasing(fit.history);
      if (regularization === 0) expect(fit.logLikelihood).toBeGreaterThanOrEqual(fit.history[fit.history.length - 1]);
    }
  });

  it('the monotonicity check catches a broken M-step (covariances shrunk by 10% after each step)', () => {
    let params = fitGaussianMixture(x, { components: 3, maxIterations: 1, restarts: 1, rng: Rng.fromSeed(2) }).model.parameters();
    const history: number[] = [];
    for (let t = 0; t < 15; t++) {
      const step = fitGaussianMixture(x, { components: 3, init: params, maxIterations: 1, regularization: 0 });
      history.push(step.history[0]);
      params = step.model.parameters();
      params.covariances = params.covariances.map((v) => 0.9 * v); // the bug
    }
    expect(() => expectNonDecreasing(history)).toThrow(/objective decreased/);
  });

  it('reports convergence, the tolerance and the iteration cap', () => {
    const capped = fitGaussianMixture(x, { components: 3, maxIterations: 2, tolerance: 0, restarts: 1 });
    expect(capped).toMatchObject({ iterations: 2, converged: false, maxIterations: 2, tolerance: 0 });
    const done = fitGaussianMixture(x, { components: 3, tolerance: 1e-4 });
    expect(done.converged).toBe(true);
    expect(done.iterations).toBeLessThan(500);
    expect(done.restarts).toHaveLength(3);
    expect(done.logLikelihood).toBe(Math.max(...done.restarts.map((r) => r.logLikelihood)));
  });
});

describe('mixture model', () => {
  it('sampling then fitting recovers the generating parameters within 4 standard errors', () => {
    const { truth, x } = threeClusters(20000, 11);
    const fit = fitGaussianMixture(x, { components: 3, rng: Rng.fromSeed(5) });
    for (let c = 0; c < 3; c++) {
      // match fitted components to the truth by nearest mean
      const mx = truth.means[2 * c];
      const my = truth.means[2 * c + 1];
      let j = 0;
      for (let k = 1; k < 3; k++) if ((fit.model.means[2 * k] - mx) ** 2 + (fit.model.means[2 * k + 1] - my) ** 2 < (fit.model.means[2 * j] - mx) ** 2 + (fit.model.means[2 * j + 1] - my) ** 2) j = k;
      const w = truth.weights[c];
      expect(Math.abs(fit.model.weights[j] - w)).toBeLessThan(4 * Math.sqrt((w * (1 - w)) / 20000));
      for (let a = 0; a < 2; a++) {
        const se = Math.sqrt(truth.covariances[c * 4 + a * 3] / (20000 * w));
        expect(Math.abs(fit.model.means[2 * j + a] - truth.means[2 * c + a])).toBeLessThan(4 * se);
      }
    }
  });

  it('ELBO equals the log-likelihood at the exact responsibilities and is below it otherwise (gap = KL)', () => {
    const { x } = threeClusters(300, 4);
    const model = fitGaussianMixture(x, { components: 3 }).model;
    const exact = model.responsibilities(x);
    expectClose(model.elbo(x, exact), model.logLikelihood(x), 1e-12, 'ELBO at the posterior');
    const rng = Rng.fromSeed(9);
    const perturbed = exact.map((r) => r + 0.05 * rng.nextDouble());
    for (let i = 0; i < x.rows; i++) {
      const s = perturbed[3 * i] + perturbed[3 * i + 1] + perturbed[3 * i + 2];
      for (let c = 0; c < 3; c++) perturbed[3 * i + c] /= s;
    }
    let kl = 0;
    for (let i = 0; i < perturbed.length; i++) if (perturbed[i] > 0) kl += perturbed[i] * Math.log(perturbed[i] / exact[i]);
    const elbo = model.elbo(x, perturbed);
    expect(elbo).toBeLessThan(model.logLikelihood(x));
    expectClose(model.logLikelihood(x) - elbo, kl, 1e-8, 'gap');
    const uniform = new Float64Array(3 * x.rows).fill(1 / 3);
    expect(model.elbo(x, uniform)).toBeLessThan(elbo);
  });

  it('BIC selects the true number of components', () => {
    const { x } = threeClusters(1500, 8);
    const bics = [1, 2, 3, 4, 5].map((k) => fitGaussianMixture(x, { components: k, rng: Rng.fromSeed(k) }).bic);
    expect(bics.indexOf(Math.min(...bics)) + 1).toBe(3);
  });

  it('log density matches a direct evaluation; covariance forms agree', () => {
    const spherical = new GaussianMixture({ covarianceType: 'spherical', dim: 2, weights: Float64Array.of(0.25, 0.75), means: Float64Array.of(0, 0, 1, 2), covariances: Float64Array.of(0.5, 2) });
    const diag = new GaussianMixture({ covarianceType: 'diag', dim: 2, weights: Float64Array.of(0.25, 0.75), means: Float64Array.of(0, 0, 1, 2), covariances: Float64Array.of(0.5, 0.5, 2, 2) });
    const full = new GaussianMixture({ covarianceType: 'full', dim: 2, weights: Float64Array.of(0.25, 0.75), means: Float64Array.of(0, 0, 1, 2), covariances: Float64Array.of(0.5, 0, 0, 0.5, 2, 0, 0, 2) });
    const x = [0.3, -0.7];
    const direct = Math.log(0.25 * Math.exp(-(0.09 + 0.49) / (2 * 0.5)) / (2 * Math.PI * 0.5) + 0.75 * Math.exp(-(0.49 + 7.29) / (2 * 2)) / (2 * Math.PI * 2));
    for (const m of [spherical, diag, full]) expectClose(m.logPdf(x), direct, 1e-14, m.covarianceType);
    expect(full.parameterCount()).toBe(1 + 4 + 6);
    expect(spherical.parameterCount()).toBe(1 + 4 + 2);
  });

  it('rejects bad input with clear messages', () => {
    const x = toDataMatrix([[0, 1], [1, 2], [2, 3]]);
    expect(() => fitGaussianMixture(x, { components: 5 })).toThrow('components: got 5, expected an integer from 1 to the number of points (3)');
    expect(() => fitGaussianMixture(x, { components: 2, covarianceType: 'tied' as CovarianceType })).toThrow(/covariance: got "tied"/);
    expect(() => toDataMatrix([[0, 1], [1]])).toThrow('data[1]: has 1 coordinates, expected 2 like data[0]');
    expect(() => toDataMatrix([[0, Number.NaN]])).toThrow(/data\[0\]\[1\]: got NaN/);
    expect(() => fitGaussianMixture(toDataMatrix([[0, 0], [0, 0], [1, 1], [1, 1]]), { components: 2, regularization: 0, restarts: 1 })).toThrow(/singular.*larger regularization/);
    expect(() => new GaussianMixture({ covarianceType: 'full', dim: 2, weights: Float64Array.of(0.5, 0.6), means: new Float64Array(4), covariances: Float64Array.of(1, 0, 0, 1, 1, 0, 0, 1) })).toThrow(/weights: sum to 1.1/);
  });
});
