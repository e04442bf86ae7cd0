/** Variational free energies: naive mean field, TAP, Bethe (loopy BP) and autoregressive networks. */
export * from './result.js';
export * from './starts.js';
export * from './mean-field.js';
export * from './tap.js';
export * from './bethe.js';
export * from './adam.js';
export * from './made.js';
export * from './autoregressive.js';
export * from './neural-sampler.js';
export * from './network-file.js';
