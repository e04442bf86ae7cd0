/**
 * Probability: distributions, discrete tables and information measures, conjugate Bayesian
 * inference of a Gaussian, mixture models (EM and variational Bayes), the ELBO, and black-box
 * variational inference with a small reverse-mode autodiff. Pure TypeScript (browser-safe).
 */
export * from './special.js';
export * from './linalg.js';
export * from './variates.js';
export * from './distribution.js';
export * from './normal.js';
export * from './student-t.js';
export * from './gamma.js';
export * from './inverse-gamma.js';
export * from './normal-inverse-gamma.js';
export * from './beta.js';
export * from './dirichlet.js';
export * from './bernoulli.js';
export * from './categorical.js';
export * from './multivariate-normal.js';
export * from './entropy.js';
export * from './discrete-table.js';
export * from './chain-rule.js';
export * from './conjugate-normal.js';
export * from './conjugate-normal-check.js';
export * from './data-matrix.js';
export * from './kmeans.js';
export * from './mixture-elbo.js';
export * from './mixture-model.js';
export * from './gaussian-mixture.js';
export * from './gaussian-mixture-em.js';
export * from './wasm-kernels.js';
export * from './variational-gaussian-mixture.js';
export * from './bernoulli-mixture.js';
export * from './mixture-selection.js';
export * from './anomaly.js';
export * from './mixture-file.js';
export * from './autodiff.js';
export * from './black-box-vi.js';
