import { type EnumerationSums, checkEnumerable, chunkLayout, DEFAULT_CORRELATION_LIMIT, enumerateChunk, finishEnumeration } from '../exact/enumerate.js';
import type { Thermodynamics } from '../exact/thermodynamics.js';
import { IsingModel, type IsingModelData } from '../models/ising.js';
import { moduleUrl } from './module-url.js';
import { defaultWorkerCount, runTasks } from './worker-pool.js';

/** Below this many states (times temperatures; well under a second of work) threads cost more than they save. */
const THREAD_THRESHOLD = 2 ** 26;

/** Worker task: one chunk of the state space, at every beta, for a model given as plain data. */
export function enumerateChunkTask(data: IsingModelData, betas: number[], prefix: number, prefixBits: number, spinMeans: boolean, correlations: boolean): EnumerationSums[] {
  const model = IsingModel.fromData(data);
  return betas.map((beta) => enumerateChunk(model, beta, prefix, prefixBits, { spinMeans, correlations }));
}

/** Options for {@link enumerateParallel}. */
export interface ParallelEnumerationOptions {
  workers?: number;
  /** Gather <s_n> (default true). */
  spinMeans?: boolean;
  /** Gather <s_n s_m> (default: N <= 24). */
  correlations?: boolean;
  /** Called with (states done, total states) as chunks finish; totals count every temperature. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Exact enumeration at one or more temperatures, split across worker threads: the top spins are
 * fixed per chunk and every chunk runs the same kernel at each temperature; chunk sums merge
 * stably in prefix order, so the result does not depend on the number of workers.
 */
export async function enumerateParallel(model: IsingModel, temperatures: readonly number[], options: ParallelEnumerationOptions = {}): Promise<Thermodynamics[]> {
  checkEnumerable(model);
  const betas = temperatures.map((t) => 1 / t);
  const spinMeans = options.spinMeans ?? true;
  const correlations = options.correlations ?? model.size <= DEFAULT_CORRELATION_LIMIT;
  const total = 2 ** model.size * betas.length;
  const workers = total < THREAD_THRESHOLD ? 1 : (options.workers ?? defaultWorkerCount());
  // Up to 64 chunks (load balance, a smooth progress bar), each with >= 16 free spins.
  const layout = chunkLayout(model, 6);
  const data = model.toData();
  const url = moduleUrl(import.meta.url, './parallel-enumerate');
  const tasks = layout.prefixes.map((prefix) => ({ module: url, exportName: 'enumerateChunkTask', args: [data, betas, prefix, layout.prefixBits, spinMeans, correlations] }));
  let done = 0;
  const perChunk = total / tasks.length;
  const results = await runTasks<EnumerationSums[]>(tasks, {
    workers,
    onResult: () => options.onProgress?.((done += perChunk), total),
  });
  return betas.map((_, t) => finishEnumeration(results.map((r) => r[t]), layout, temperatures[t]));
}
