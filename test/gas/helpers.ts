import type { Estimate } from '../../src/core/estimate.js';
import type { Rng } from '../../src/core/rng.js';
import { displacementSweep } from '../../src/mcmc/gas/displacement.js';
import { gasKernel } from '../../src/mcmc/gas/gas-kernel.js';
import type { GasSamplerOptions, GasState } from '../../src/mcmc/gas/gas-state.js';
import type { Kernel } from '../../src/mcmc/kernel.js';
import { type RunPlan } from '../../src/mcmc/driver.js';
import { runChains } from '../../src/mcmc/run.js';
import type { RunSummary } from '../../src/mcmc/summary.js';
import type { GasModel } from '../../src/models/particles/gas-model.js';

/** Run the gas kernel (or a variant) through the driver in this thread. */
export function runGas(model: GasModel, options: GasSamplerOptions, plan: RunPlan, seed = 1, chains = 2, kernel: Kernel<GasModel, GasState, GasSamplerOptions> = gasKernel): RunSummary {
  return runChains(kernel, model, options, plan, { seed, chains }).summary;
}

/** Standardised deviation (estimate - exact) / error. */
export function zScore(e: Estimate, exact: number): number {
  return (e.mean - exact) / e.error;
}

/** The tests' tolerance: within 4 error bars. */
export function agrees(e: Estimate, exact: number, k = 4): boolean {
  return Math.abs(zScore(e, exact)) < k;
}

/**
 * A deliberately broken kernel: Metropolis with acceptance exp(-beta dE / 2), i.e. it samples
 * the right model at twice the temperature. Every statistical test must detect it.
 */
export const halfBetaKernel: Kernel<GasModel, GasState, GasSamplerOptions> = {
  ...gasKernel,
  name: 'broken: acceptance exp(-beta dE / 2)',
  sweep(state: GasState, rng: Rng) {
    const s = state as { beta: number };
    const beta = s.beta;
    s.beta = beta / 2;
    try {
      return displacementSweep(state, rng);
    } finally {
      s.beta = beta;
    }
  },
};

/**
 * A broken hard-core check: the sampler lets spheres overlap down to `fraction` of their
 * diameter (the measurements still use the true diameter). Built by sampling with a second
 * model that shares the state's positions and cell list.
 */
export function leakyCoreKernel(samplingModel: GasModel): Kernel<GasModel, GasState, GasSamplerOptions> {
  return {
    ...gasKernel,
    name: 'broken: hard core too small',
    sweep(state: GasState, rng: Rng) {
      const view = { ...state, model: samplingModel } as GasState;
      const info = displacementSweep(view, rng);
      state.pairEnergy = view.pairEnergy;
      return info;
    },
  };
}
