import { GibbsError, requireInteger } from '../core/errors.js';
import { type ChainSnapshot, type ResolvedPlan, type RunPlan, advanceChain, resolvePlan, resumeChain, snapshotChain, startChain } from '../mcmc/driver.js';
import { type AnyKernel, type KernelRef, kernelFromModule } from '../mcmc/kernel.js';
import type { ChainsResult } from '../mcmc/run.js';
import { summarizeChains } from '../mcmc/summary.js';
import { type Checkpoint, fingerprint, saveCheckpoint } from './checkpoint.js';
import { defaultWorkerCount, runTasks } from './worker-pool.js';
import { moduleUrl } from './module-url.js';

/** Import the module a {@link KernelRef} names and return the kernel. */
export async function loadKernel(ref: KernelRef): Promise<AnyKernel> {
  return kernelFromModule((await import(ref.module)) as Record<string, unknown>, ref);
}

/** Result of one segment of one chain. */
export interface SegmentResult {
  snapshot: ChainSnapshot;
  stats: Record<string, number | number[]>;
}

/**
 * Advance one chain for at most `seconds` of wall time (Infinity: to the end of its plan),
 * starting fresh (`snapshot` null) or from a snapshot; the worker-thread task of
 * {@link runParallelChains}. `progress[index]` (shared memory) receives the sweeps done.
 */
export async function advanceChainSegment(
  ref: KernelRef, modelData: unknown, options: unknown, plan: ResolvedPlan, seed: number, index: number,
  snapshot: ChainSnapshot | null, seconds: number, progress: Float64Array | null, maxSweeps = Infinity,
  onProgress?: () => void,
): Promise<SegmentResult> {
  const kernel = await loadKernel(ref);
  const model = kernel.fromModelData ? kernel.fromModelData(modelData) : modelData;
  const chain = snapshot ? resumeChain(kernel, model, options, plan, snapshot) : startChain(kernel, model, options, plan, seed, index);
  const deadline = Date.now() + seconds * 1000;
  const until = chain.sweepsDone + maxSweeps;
  const limited = Number.isFinite(seconds) || Number.isFinite(maxSweeps);
  advanceChain(kernel, chain, plan, {
    stopEvery: Number.isFinite(maxSweeps) ? 1 : undefined,
    shouldStop: limited ? () => chain.sweepsDone >= until || Date.now() >= deadline : undefined,
    onProgress: progress
      ? (done) => {
          progress[index] = done;
          onProgress?.();
        }
      : undefined,
  });
  return { snapshot: snapshotChain(kernel, chain), stats: kernel.stats?.(chain.state) ?? {} };
}

/** Options for {@link runParallelChains}. */
export interface ParallelChainsOptions {
  /** The kernel, as a reference a worker thread can import. */
  kernel: KernelRef;
  /** The model (turned into plain data with the kernel's `toModelData` for the workers). */
  model: unknown;
  /** Kernel options (plain data). */
  options: unknown;
  plan: RunPlan;
  /** Independent chains (default 4); chain k always uses `Rng.stream(seed, k)`. */
  chains?: number;
  seed: number;
  /** Worker threads (default min(chains, cores)); 1 runs the chains in this thread. */
  workers?: number;
  /** Save a checkpoint to this file every `checkpointSeconds` (and at the end). */
  checkpoint?: string;
  /** Seconds between checkpoints (default 60). */
  checkpointSeconds?: number;
  /** At most this many sweeps per chain between checkpoints (default: no limit; for tests). */
  checkpointSweeps?: number;
  /** Chains to continue (from {@link loadCheckpoint}); their identity must match {@link runIdentity}. */
  resume?: ChainSnapshot[];
  /** Extra identity fields for the checkpoint (e.g. a model file name). */
  identity?: Record<string, unknown>;
  /** Called with (sweeps done over all chains, total sweeps), a few times per second. */
  onProgress?: (done: number, total: number) => void;
  /** Called after each checkpoint is written. */
  onCheckpoint?: (checkpoint: Checkpoint) => void;
}

/**
 * What makes a run's numbers what they are: kernel, options, plan, seed, chain count and a
 * fingerprint of the model. A checkpoint is resumed only by a run with the same identity.
 */
export function runIdentity(options: ParallelChainsOptions, modelData: unknown): Record<string, unknown> {
  return {
    kernel: { exportName: options.kernel.exportName, args: options.kernel.args ?? [] },
    options: options.options,
    plan: resolvePlan(options.plan),
    seed: options.seed,
    chains: options.chains ?? 4,
    model: fingerprint(modelData),
    ...options.identity,
  };
}

/**
 * Run independent chains on worker threads (src/node/worker-pool.ts), optionally checkpointing
 * every few seconds and resuming from a checkpoint. Chain k uses `Rng.stream(seed, k)` and its
 * evolution depends only on its sweep count, so the result is bit for bit the same for any
 * number of workers, any checkpoint interval, and across a kill and resume.
 *
 * @example
 * const result = await runParallelChains({
 *   kernel: { module: moduleUrl(import.meta.url, '../mcmc/ising-kernels').href, exportName: 'isingKernel', args: ['metropolis'] },
 *   model, options: { beta: 0.44 }, plan: { sweeps: 10000, burnIn: 1000 }, seed: 1,
 * });
 */
export async function runParallelChains(options: ParallelChainsOptions): Promise<ChainsResult> {
  const plan = resolvePlan(options.plan);
  const count = requireInteger('chains', options.chains ?? 4, 1, 1024);
  const seed = requireInteger('seed', options.seed, 0);
  const kernel = await loadKernel(options.kernel);
  const modelData = kernel.toModelData ? kernel.toModelData(options.model) : options.model;
  const identity = runIdentity(options, modelData);
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkerCount(), count));
  const seconds = options.checkpoint ? (options.checkpointSeconds ?? 60) : Infinity;
  const perChain = plan.burnIn + plan.sweeps;
  const snapshots: Array<ChainSnapshot | null> = options.resume ? [...options.resume] : Array.from({ length: count }, () => null);
  if (snapshots.length !== count) throw new Error(`resume: ${snapshots.length} chain snapshots for ${count} chains`);
  const stats: Array<Record<string, number | number[]>> = Array.from({ length: count }, () => ({}));
  const progress = new Float64Array(new SharedArrayBuffer(8 * count));
  snapshots.forEach((s, i) => { progress[i] = s?.sweepsDone ?? 0; });
  const report = () => options.onProgress?.(progress.reduce((a, b) => a + b, 0), count * perChain);
  // In this thread the timer cannot fire during a segment: report from the chain itself, 4 times a second.
  let last = 0;
  const inlineReport = () => {
    const now = Date.now();
    if (now - last >= 250) {
      last = now;
      report();
    }
  };
  const timer = options.onProgress ? setInterval(report, 250) : undefined;
  const isDone = (s: ChainSnapshot | null) => s !== null && s.sweepsDone >= perChain;
  try {
    // Every chain runs at least once (a finished chain from a checkpoint only reports its stats).
    const finished = snapshots.map(() => false);
    for (;;) {
      const pending = finished.map((f, i) => (f ? -1 : i)).filter((i) => i >= 0);
      if (pending.length === 0) break;
      const args = (i: number) => [options.kernel, modelData, options.options, plan, seed, i, snapshots[i], seconds, progress, options.checkpoint ? (options.checkpointSweeps ?? Infinity) : Infinity] as const;
      let results: SegmentResult[];
      if (workers === 1) {
        results = [];
        for (const i of pending) {
          results.push(await advanceChainSegment(...args(i), options.onProgress ? inlineReport : undefined));
          report();
        }
      } else {
        const url = moduleUrl(import.meta.url, './parallel-chains');
        try {
          results = await runTasks<SegmentResult>(pending.map((i) => ({ module: url, exportName: 'advanceChainSegment', args: [...args(i)] })), { workers });
        } catch (error) {
          // A user error inside a worker (e.g. a bad kernel option) stays a user error here.
          if ((error as Error).name === 'GibbsError') throw new GibbsError((error as Error).message);
          throw error;
        }
      }
      pending.forEach((i, k) => {
        snapshots[i] = results[k].snapshot;
        stats[i] = results[k].stats;
        progress[i] = results[k].snapshot.sweepsDone;
        finished[i] = isDone(results[k].snapshot);
      });
      if (options.checkpoint) {
        const checkpoint = { identity, chains: snapshots as ChainSnapshot[] };
        saveCheckpoint(options.checkpoint, checkpoint);
        options.onCheckpoint?.(checkpoint);
      }
    }
  } finally {
    if (timer) clearInterval(timer);
  }
  report();
  const model = kernel.fromModelData ? kernel.fromModelData(modelData) : options.model;
  const final = snapshots as ChainSnapshot[];
  return { summary: summarizeChains(kernel.observables(model, options.options), final, plan), snapshots: final, stats };
}
