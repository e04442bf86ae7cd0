import { type EnumerationSums, checkEnumerable, DEFAULT_CORRELATION_LIMIT, enumerateChunk, enumerationResult, mergeEnumerationSums } from '../exact/enumerate.js';
import type { Thermodynamics } from '../exact/thermodynamics.js';
import { IsingModel, type IsingModelData } from '../models/ising.js';
import { moduleUrl } from './module-url.js';
import { defaultWorkerCount, runTasks } from './worker-pool.js';

/** Worker task: one Gray-code chunk of the state space for a model given as plain data. */
export function enumerateChunkTask(data: IsingModelData, beta: number, prefix: number, prefixBits: number, correlations: boolean): EnumerationSums {
  return enumerateChunk(IsingModel.fromData(data), beta, prefix, prefixBits, correlations);
}

/** Options for {@link enumerateParallel}. */
export interface ParallelEnumerationOptions {
  workers?: number;
  correlations?: boolean;
  /** Called with (states done, total states) as chunks finish. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Exact enumeration split across worker threads: the top spins are fixed per chunk and every
 * chunk runs the same Gray-code kernel; chunk sums merge in the log domain. The result is the
 * same for any number of workers (up to floating-point summation order across chunks, which is
 * fixed: chunks merge in prefix order).
 */
export async function enumerateParallel(model: IsingModel, temperature: number, options: ParallelEnumerationOptions = {}): Promise<Thermodynamics> {
  checkEnumerable(model);
  const beta = 1 / temperature;
  const correlations = options.correlations ?? model.size <= DEFAULT_CORRELATION_LIMIT;
  const workers = options.workers ?? defaultWorkerCount();
  // Enough chunks for load balancing and a smooth progress bar, but each chunk >= 2^12 states.
  const prefixBits = Math.max(0, Math.min(model.size - 12, 6));
  const chunks = 2 ** prefixBits;
  const data = model.toData();
  const url = moduleUrl(import.meta.url, './parallel-enumerate');
  const tasks = Array.from({ length: chunks }, (_, prefix) => ({ module: url, exportName: 'enumerateChunkTask', args: [data, beta, prefix, prefixBits, correlations] }));
  let done = 0;
  const perChunk = 2 ** (model.size - prefixBits);
  const sums = await runTasks<EnumerationSums>(tasks, {
    workers: chunks === 1 ? 1 : workers,
    onResult: () => options.onProgress?.((done += perChunk), 2 ** model.size),
  });
  return enumerationResult(sums.reduce(mergeEnumerationSums), temperature);
}
