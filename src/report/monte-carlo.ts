import type { Estimate } from '../core/estimate.js';
import { isingKernel } from '../mcmc/ising-kernels.js';
import type { RunPlan } from '../mcmc/driver.js';
import { runChains } from '../mcmc/run.js';
import type { SpinStart } from '../mcmc/spin-state.js';
import { IsingModel, type IsingModelData } from '../models/ising.js';
import { moduleUrl } from '../node/module-url.js';
import { type WorkerTask, runTasks } from '../node/worker-pool.js';

/** Monte Carlo estimates at one temperature (totals over the N spins), plus the last configuration. */
export interface IsingPoint {
  temperature: number;
  spins: number;
  energy: Estimate;
  absMagnetization: Estimate;
  heatCapacity: Estimate;
  susceptibility: Estimate;
  acceptance: number;
  warnings: string[];
  /** The final spins of chain 0 (when the kernel's saved state carries them), for pictures. */
  configuration?: Int8Array;
}

/**
 * One temperature point: `chains` chains of the named Ising kernel through the library's run
 * driver in this thread (the worker-thread task of {@link isingPoints}).
 */
export function isingPointTask(algorithm: string, modelData: IsingModelData, temperature: number, plan: RunPlan, seed: number, chains: number, start: SpinStart = 'random'): IsingPoint {
  const model = IsingModel.fromData(modelData);
  const { summary, snapshots } = runChains(isingKernel(algorithm), model, { beta: 1 / temperature, start }, plan, { seed, chains });
  const saved = snapshots[0]?.state as { spins?: unknown } | undefined;
  return {
    temperature,
    spins: model.size,
    energy: summary.scalars.energy,
    absMagnetization: summary.scalars.absMagnetization,
    heatCapacity: summary.derived.heatCapacity,
    susceptibility: summary.derived.susceptibility,
    acceptance: summary.acceptance,
    warnings: summary.warnings,
    configuration: saved?.spins instanceof Int8Array ? saved.spins : undefined,
  };
}

/** The worker task of one Monte Carlo temperature point (see {@link isingPointTask}). */
export function isingPointWorkerTask(algorithm: string, model: IsingModel, temperature: number, plan: RunPlan, seed: number, chains = 2, start: SpinStart = 'random'): WorkerTask {
  isingKernel(algorithm);
  return { module: moduleUrl(import.meta.url, './monte-carlo'), exportName: 'isingPointTask', args: [algorithm, model.toData(), temperature, plan, seed, chains, start] };
}

/**
 * Monte Carlo at several temperatures, the points spread over worker threads (each point's
 * chains use the streams of `seed`, so the numbers do not depend on the thread count).
 * @example const points = await isingPoints('metropolis', squareModel(8, 8), [2, 2.5], { sweeps: 4000, burnIn: 500 }, 1);
 */
export async function isingPoints(
  algorithm: string, model: IsingModel, temperatures: number[], plan: RunPlan, seed: number,
  options: { chains?: number; workers?: number; start?: SpinStart } = {},
): Promise<IsingPoint[]> {
  return runTasks<IsingPoint>(temperatures.map((t) => isingPointWorkerTask(algorithm, model, t, plan, seed, options.chains, options.start)), { workers: options.workers });
}
