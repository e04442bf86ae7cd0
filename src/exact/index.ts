/** Exact solvers: enumeration, transfer matrices, the 2D torus (Kaufman) and Onsager's limit. */
export * from './thermodynamics.js';
export * from './enumerate.js';
export * from './methods.js';
