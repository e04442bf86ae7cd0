/** Variational free energies: naive mean field, TAP, Bethe (loopy BP) and autoregressive networks. */
export type { BoundDirection, FixedPointOptions, VariationalMethod, VariationalResult } from './result.js';
export { spinEntropy, productStateEnergy } from './result.js';
export type { StartOptions } from './starts.js';
export { type MeanFieldOptions, type MeanFieldResult, localFields, meanField, meanFieldFreeEnergy, meanFieldSweep } from './mean-field.js';
export * from './tap.js';
export * from './bethe.js';
export * from './adam.js';
export * from './made.js';
export * from './autoregressive.js';
export * from './neural-sampler.js';
export * from './network-file.js';
