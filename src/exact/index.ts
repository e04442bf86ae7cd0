/** Exact solvers: enumeration, transfer matrices, the 2D torus (Kaufman) and Onsager's limit. */
export * from './thermodynamics.js';
export * from './enumerate.js';
export * from './methods.js';
export * from './ideal-gas.js';
export * from './ideal-gas-quadrature.js';
export * from './ideal-gas-virial.js';
