/** Monte Carlo of classical gases: the displacement kernel, its state and its observables. */
export * from './gas-kernel.js';
export * from './gas-state.js';
export * from './particle-energy.js';
export * from './displacement.js';
export * from './observables.js';
export * from './pair-sums.js';
export * from './contact.js';
export * from './rdf.js';
export * from './widom.js';
