/** Monte Carlo: sampler kernels, the run driver (burn-in, measurement, statistics) and summaries. */
export * from './kernel.js';
export * from './driver.js';
export * from './summary.js';
export * from './run.js';
export * from './spin-state.js';
export * from './site-order.js';
export * from './coupling-classes.js';
export * from './ising-observables.js';
export * from './metropolis.js';
export * from './ising-kernels.js';
