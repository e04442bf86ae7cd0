/** Core: random numbers, stable numerics, Monte Carlo statistics and user-facing errors. */
export * from './errors.js';
export * from './rng.js';
export * from './numerics.js';
export * from './fft.js';
export * from './running-stats.js';
export * from './autocorrelation.js';
export * from './binning.js';
export * from './rhat.js';
export * from './estimate.js';
export * from './jackknife.js';
