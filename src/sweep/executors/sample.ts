import { z } from 'zod';
import type { Estimate } from '../../core/estimate.js';
import { GibbsError } from '../../core/errors.js';
import { ISING_ALGORITHMS, isingKernel } from '../../mcmc/ising-kernels.js';
import { multispinLayout } from '../../mcmc/multispin.js';
import { runChains } from '../../mcmc/run.js';
import type { JobExecutor } from '../executor.js';
import type { JsonObject, JsonValue } from '../json.js';

const options = z.strictObject({
  algorithm: z.enum(ISING_ALGORITHMS).default(ISING_ALGORITHMS[0]),
  /** Measured sweeps per chain, after burn-in. */
  sweeps: z.number().int().min(1).max(1e9).default(10_000),
  burnIn: z.number().int().min(0).max(1e9).default(1_000),
  /** Measure every `interval` sweeps. */
  interval: z.number().int().min(1).default(1),
  /** Independent chains, run one after another inside the job (chain k uses Rng.stream(seed, k)). */
  chains: z.number().int().min(1).max(256).default(4),
  start: z.enum(['random', 'up', 'down']).default('random'),
  /** Site order of single-spin kernels. */
  order: z.enum(['sequential', 'random', 'checkerboard']).optional(),
});
type SampleOptions = z.infer<typeof options> & JsonObject;

/** Extensive observables that also get a per-spin copy. */
const EXTENSIVE = ['energy', 'magnetization', 'absMagnetization', 'heatCapacity', 'susceptibility'] as const;

function estimateJson(e: Estimate | undefined, scale = 1): JsonValue {
  if (!e) return null;
  const finite = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? null : x);
  return { mean: finite(e.mean / scale), error: finite(e.error / scale), tau: finite(e.tau), ess: finite(e.ess), rHat: finite(e.rHat) };
}

/**
 * `"method": "sample"`: Monte Carlo estimates at one temperature from the mcmc run driver,
 * every chain inside the job (so a job is one thread and its numbers depend only on its
 * seed). Result keys follow `gibbs sample --json`: algorithm, temperature, beta, spins,
 * sweeps, burnIn, chains, acceptance, and energy, magnetization, absMagnetization,
 * heatCapacity, susceptibility, binder as { mean, error, tau, ess, rHat } (totals; tau in
 * sweeps), the extensive ones again under perSpin, and the driver's warnings.
 */
export const sampleExecutor: JobExecutor<SampleOptions> = {
  method: 'sample',
  summary: `Monte Carlo estimates with error bars (algorithm: ${ISING_ALGORITHMS.join(', ')})`,
  stochastic: true,
  options: options as unknown as z.ZodType<SampleOptions>,
  prepare(model, opts) {
    if (opts.order !== undefined && opts.algorithm !== 'metropolis' && opts.algorithm !== 'heat-bath') {
      throw new GibbsError(`sample: "order" applies to metropolis and heat-bath, not ${opts.algorithm}`, 'order');
    }
    if (opts.algorithm === 'multispin') multispinLayout(model);
    return opts;
  },
  run(model, temperature, opts, seed) {
    const beta = 1 / temperature;
    const kernelOptions = { beta, start: opts.start, ...(opts.order === undefined ? {} : { order: opts.order }) };
    const plan = { sweeps: opts.sweeps, burnIn: opts.burnIn, interval: opts.interval };
    const { summary } = runChains(isingKernel(opts.algorithm), model, kernelOptions, plan, { seed: seed ?? 0, chains: opts.chains });
    const all: Record<string, Estimate> = { ...summary.scalars, ...summary.derived };
    const json: JsonObject = {
      method: 'sample',
      algorithm: opts.algorithm,
      temperature,
      beta,
      spins: model.size,
      sweeps: opts.sweeps,
      burnIn: opts.burnIn,
      chains: opts.chains,
      acceptance: summary.acceptance,
    };
    for (const name of [...EXTENSIVE, 'binder']) json[name] = estimateJson(all[name]);
    json.perSpin = Object.fromEntries(EXTENSIVE.map((name) => [name, estimateJson(all[name], model.size)]));
    json.warnings = summary.warnings;
    return json;
  },
};
