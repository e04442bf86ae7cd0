/**
 * gibbs: the public API. Each layer is also available on its own subpath
 * (`gibbs/core`, `gibbs/models`, `gibbs/exact`, ...), which is what browser bundles should import.
 */
export * from './core/index.js';
export * from './models/index.js';
export * from './exact/index.js';
export * from './mcmc/index.js';
export * from './prob/index.js';
export * from './variational/index.js';
export * from './info/index.js';
