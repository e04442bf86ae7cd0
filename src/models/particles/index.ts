/** Classical particles in continuous space: boxes, pair and one-body potentials, gas models, starts, snapshots. */
export * from './box.js';
export * from './pair-potential.js';
export * from './tabulated-potential.js';
export * from './tail-correction.js';
export * from './external-potential.js';
export * from './gas-model.js';
export * from './cell-list.js';
export * from './initial-configurations.js';
export * from './extended-xyz.js';
export * from './picture.js';
