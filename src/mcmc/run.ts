import { requireInteger } from '../core/errors.js';
import { type ChainSnapshot, type RunPlan, advanceChain, resolvePlan, snapshotChain, startChain } from './driver.js';
import type { Kernel } from './kernel.js';
import { type RunSummary, summarizeChains } from './summary.js';

/** Options for {@link runChains}. */
export interface RunChainsOptions {
  /** Number of independent chains (default 4); chain k uses `Rng.stream(seed, k)`. */
  chains?: number;
  /** Seed of the run (a safe integer >= 0). */
  seed: number;
  /** Called with (sweeps done over all chains, total sweeps). */
  onProgress?: (done: number, total: number) => void;
}

/** What {@link runChains} returns: the summary plus each chain's final snapshot and stats. */
export interface ChainsResult {
  summary: RunSummary;
  snapshots: ChainSnapshot[];
  stats: Array<Record<string, number | number[]>>;
}

/**
 * Run several independent chains one after the other in this thread (browser-safe; the Node
 * runner src/node/parallel-chains.ts runs the same chains on worker threads with identical
 * results) and summarise them.
 *
 * @example
 * const { summary } = runChains(metropolisKernel, squareModel(8, 8), { beta: 0.4 }, { sweeps: 2000, burnIn: 200 }, { seed: 1 });
 * summary.scalars.energy.mean; summary.derived.heatCapacity.error;
 */
export function runChains<M, S, O>(kernel: Kernel<M, S, O>, model: M, options: O, plan: RunPlan, run: RunChainsOptions): ChainsResult {
  const resolved = resolvePlan(plan);
  const count = requireInteger('chains', run.chains ?? 4, 1, 1024);
  const seed = requireInteger('seed', run.seed, 0);
  const perChain = resolved.burnIn + resolved.sweeps;
  const snapshots: ChainSnapshot[] = [];
  const stats: Array<Record<string, number | number[]>> = [];
  const k = kernel as Kernel<unknown, S, unknown>;
  for (let index = 0; index < count; index++) {
    const chain = startChain(kernel, model, options, resolved, seed, index);
    advanceChain(k, chain, resolved, { onProgress: (done) => run.onProgress?.(index * perChain + done, count * perChain) });
    snapshots.push(snapshotChain(k, chain));
    stats.push(kernel.stats?.(chain.state) ?? {});
  }
  return { summary: summarizeChains(kernel.observables(model, options) as never, snapshots, resolved), snapshots, stats };
}
