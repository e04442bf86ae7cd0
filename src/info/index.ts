/**
 * Entropy and compression: entropy coders (range coder, rANS, enumerative, run-length), the
 * probability models that drive them (i.i.d., adaptive counts, order-k contexts, context
 * mixing, autoregressive), the gibbs container format, and empirical entropies.
 */
export * from './coding/interval.js';
export * from './coding/corrupt.js';
export * from './coding/range-coder.js';
export * from './coding/rans.js';
export * from './coding/cost.js';
export * from './coding/enumerative.js';
export * from './coding/run-length.js';
export * from './coding/binomial.js';
export * from './models/model.js';
export * from './models/quantize.js';
export * from './models/iid.js';
export * from './models/adaptive.js';
export * from './models/context-model.js';
export * from './models/mixing-model.js';
export * from './models/autoregressive.js';
export * from './models/logistic.js';
export * from './checksum/crc32.js';
export * from './container/models.js';
export * from './container/header.js';
export * from './container/stream.js';
export * from './entropy/empirical.js';
export * from './coin.js';
