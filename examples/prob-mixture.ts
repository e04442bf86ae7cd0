// Gaussian mixtures: EM with BIC model selection, the ELBO at exact and perturbed responsibilities,
// variational Bayes with pruning, sampling and anomaly detection.
import { Rng } from '../src/core/rng.js';
import { GaussianMixture, anomalyThreshold, fitGaussianMixture, fitVariationalGaussianMixture, flagAnomalies, selectComponents } from '../src/prob/index.js';

const truth = new GaussianMixture({
  covarianceType: 'full',
  dim: 2,
  weights: Float64Array.of(0.5, 0.3, 0.2),
  means: Float64Array.of(0, 0, 5, 1, -3, 4),
  covariances: Float64Array.of(1, 0.4, 0.4, 0.8, 0.5, 0, 0, 2, 0.3, -0.1, -0.1, 0.4),
});
const { points } = truth.sample(Rng.fromSeed(1), 1500);

const { best, table } = selectComponents([1, 2, 3, 4, 5], (k) => fitGaussianMixture(points, { components: k, rng: Rng.fromSeed(k) }), (f) => f.bic, 'bic');
console.log('BIC by components:', table.map((r) => `${r.components}: ${r.score.toFixed(1)}`).join(', '), `-> ${best.components}`);
const fit = best.fit;
console.log(`EM: ${fit.iterations} iterations, converged ${fit.converged}, log-likelihood ${fit.logLikelihood.toFixed(3)}`);

const q = fit.model.responsibilities(points);
const perturbed = q.map((r) => 0.9 * r + 0.1 / 3); // mixed with uniform: rows still sum to 1
console.log(`ELBO at p(z|x): ${fit.model.elbo(points, q).toFixed(3)} (= log p(x)); at a perturbed q: ${fit.model.elbo(points, perturbed).toFixed(3)} (below)`);

const vb = fitVariationalGaussianMixture(points, { components: 8, rng: Rng.fromSeed(2) });
console.log(`variational Bayes: ELBO ${vb.elbo.toFixed(3)} <= log evidence; ${vb.model.components} of 8 components kept`);

const threshold = anomalyThreshold(fit.model.scoreSamples(points), 0.01);
const flags = flagAnomalies(fit.model.scoreSamples({ data: Float64Array.of(0.2, 0.1, 12, -9), rows: 2, cols: 2 }), threshold);
console.log(`anomaly threshold (1% quantile of training log densities): ${threshold.toFixed(3)}; (0.2, 0.1) -> ${flags[0]}, (12, -9) -> ${flags[1]}`);
