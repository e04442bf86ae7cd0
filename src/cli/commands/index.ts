import type { Command } from 'commander';

/** A subcommand's module, loaded only when needed (each pulls in its own layer of the library). */
type Loader = () => Promise<(program: Command) => void>;

/**
 * Every subcommand, in the order `gibbs --help` lists them. `gibbs NAME ...` loads only NAME's
 * module, so a command does not pay the start-up cost of every other layer (plotting, SQLite,
 * BullMQ, the probability library); `gibbs --help` loads them all.
 */
export const COMMANDS: Record<string, Loader> = {
  exact: async () => (await import('./exact.js')).registerExact,
  model: async () => (await import('./model.js')).registerModel,
  sample: async () => (await import('./sample.js')).registerSample,
  variational: async () => (await import('./variational.js')).registerVariational,
  compare: async () => (await import('./compare.js')).registerCompare,
  infer: async () => (await import('./infer.js')).registerInfer,
  mixture: async () => (await import('./mixture.js')).registerMixture,
  compress: async () => (await import('./compress.js')).registerCompress,
  decompress: async () => (await import('./decompress.js')).registerDecompress,
  entropy: async () => (await import('./entropy.js')).registerEntropy,
  coin: async () => (await import('./coin.js')).registerCoin,
  gas: async () => (await import('./gas.js')).registerGas,
  sweep: async () => (await import('./sweep.js')).registerSweep,
  results: async () => (await import('./results.js')).registerResults,
  worker: async () => (await import('./worker.js')).registerWorker,
  report: async () => (await import('./report.js')).registerReport,
};
