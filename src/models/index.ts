/** Models: Ising models, lattice and disorder builders, model files. */
export * from './ising.js';
export * from './lattices.js';
export * from './disorder.js';
export * from './model-file.js';
export { formatPath, zodToGibbsError } from './zod-errors.js';
export * from './particles/index.js';
