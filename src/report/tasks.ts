import { IsingModel, type IsingModelData } from '../models/ising.js';
import { autoregressive, type AutoregressiveOptions } from '../variational/autoregressive.js';
import { bethe } from '../variational/bethe.js';
import { meanFieldSweep } from '../variational/mean-field.js';
import { tap } from '../variational/tap.js';
import { moduleUrl } from '../node/module-url.js';
import { type WorkerTask, runTasks } from '../node/worker-pool.js';
import { type VariationalPoint, variationalPoint } from './figures/variational.js';

// Worker-thread tasks of the report: each takes plain data and returns plain data, so the
// report spreads its slow computations over the cores with src/node/worker-pool.ts.

const FIXED_POINT = { tolerance: 1e-9, maxIterations: 3000 };

/** Mean field across temperatures (continued from high T down), per-spin points in the given order. */
export function meanFieldTask(modelData: IsingModelData, temperatures: number[]): VariationalPoint[] {
  const model = IsingModel.fromData(modelData);
  const descending = [...temperatures].sort((a, b) => b - a);
  const results = meanFieldSweep(model, descending.map((temperature) => ({ temperature })), FIXED_POINT);
  return results.map(variationalPoint);
}

/** Bethe (loopy belief propagation) at each temperature. */
export function betheTask(modelData: IsingModelData, temperatures: number[]): VariationalPoint[] {
  const model = IsingModel.fromData(modelData);
  return temperatures.map((temperature) => variationalPoint(bethe(model, { temperature, ...FIXED_POINT })));
}

/** TAP (second-order Plefka) at each temperature. */
export function tapTask(modelData: IsingModelData, temperatures: number[]): VariationalPoint[] {
  const model = IsingModel.fromData(modelData);
  return temperatures.map((temperature) => variationalPoint(tap(model, { temperature, ...FIXED_POINT })));
}

/** Train an autoregressive network at one temperature and estimate F_q and the importance-sampling F. */
export function autoregressiveTask(modelData: IsingModelData, temperature: number, options: AutoregressiveOptions & { samples?: number }): VariationalPoint {
  const model = IsingModel.fromData(modelData);
  const { network: _network, ...result } = autoregressive(model, { ...options, temperature });
  return variationalPoint(result);
}

/** A worker task calling `exportName(...args)` of this module. */
export function reportTask(exportName: 'meanFieldTask' | 'betheTask' | 'tapTask' | 'autoregressiveTask', args: unknown[]): WorkerTask {
  return { module: moduleUrl(import.meta.url, './tasks'), exportName, args };
}

/** Run tasks on worker threads (one per core by default); results in task order. */
export function runReportTasks(tasks: WorkerTask[], workers?: number): Promise<unknown[]> {
  return runTasks(tasks, { workers });
}
