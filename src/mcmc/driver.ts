import { requireInteger } from '../core/errors.js';
import { Rng, type RngState } from '../core/rng.js';
import type { Kernel, ObservableSet } from './kernel.js';

/** How long a chain runs and how often it is measured. All counts are in sweeps. */
export interface RunPlan {
  /** Measured sweeps after burn-in. */
  sweeps: number;
  /** Sweeps discarded at the start (the kernel's `adapt` hook runs only during these). */
  burnIn: number;
  /** Measure every `interval` sweeps (default 1). */
  interval?: number;
  /** Call the kernel's `check` hook every this many sweeps (default 0: never). */
  checkInterval?: number;
  /** Number of batches for vector observables' batch-means errors (default 32). */
  batches?: number;
}

/** A run plan with every default filled in and validated. */
export type ResolvedPlan = Required<RunPlan>;

/** Validate a plan and fill in its defaults. */
export function resolvePlan(plan: RunPlan): ResolvedPlan {
  const sweeps = requireInteger('sweeps', plan.sweeps, 1);
  const burnIn = requireInteger('burnIn', plan.burnIn, 0);
  const interval = requireInteger('interval', plan.interval ?? 1, 1, sweeps);
  const checkInterval = requireInteger('checkInterval', plan.checkInterval ?? 0, 0);
  const batches = requireInteger('batches', plan.batches ?? 32, 2);
  return { sweeps, burnIn, interval, checkInterval, batches };
}

/** Number of measurements a plan takes. */
export function measurementCount(plan: ResolvedPlan): number {
  return Math.floor(plan.sweeps / plan.interval);
}

/**
 * One chain in memory: its generator, kernel state and everything accumulated so far.
 * Turn it into plain data with {@link snapshotChain} (checkpoints, threads) and back with
 * {@link resumeChain}.
 */
export interface Chain<State> {
  index: number;
  /** Sweeps done so far, burn-in included. */
  sweepsDone: number;
  rng: Rng;
  state: State;
  observables: ObservableSet<State>;
  /** Measurements taken so far. */
  measurements: number;
  /** One full-length time series per scalar observable (filled up to `measurements`). */
  series: Float64Array[];
  /** Per vector observable: batches x length sums. */
  vectorSums: Float64Array[];
  /** Measurements that fell into each batch. */
  batchCounts: Float64Array;
  /** Accepted and attempted proposals after burn-in. */
  accepted: number;
  attempted: number;
  /** Largest drift reported by the kernel's consistency check. */
  maxDrift: number;
  /** Scratch row the kernel's `measure` writes into. */
  row: Float64Array;
}

/** A chain as plain data: structured-cloneable and JSON-encodable (see src/node/checkpoint.ts). */
export interface ChainSnapshot {
  index: number;
  sweepsDone: number;
  rng: RngState;
  state: unknown;
  measurements: number;
  /** Scalar series trimmed to `measurements`. */
  series: Float64Array[];
  vectorSums: Float64Array[];
  batchCounts: Float64Array;
  accepted: number;
  attempted: number;
  maxDrift: number;
}

function allocate<State>(observables: ObservableSet<State>, plan: ResolvedPlan) {
  const total = measurementCount(plan);
  return {
    series: observables.scalars.map(() => new Float64Array(total)),
    vectorSums: (observables.vectors ?? []).map((v) => new Float64Array(plan.batches * v.length)),
    batchCounts: new Float64Array(plan.batches),
    row: new Float64Array(observables.scalars.length),
  };
}

/**
 * Start chain `index` of a run: its generator is `Rng.stream(seed, index)` (independent of how
 * many threads run the chains), and the kernel's `init` draws the starting state from it.
 *
 * @example
 * const chain = startChain(metropolisKernel, squareModel(8, 8), { beta: 0.4 }, resolvePlan({ sweeps: 1000, burnIn: 100 }), 42, 0);
 * advanceChain(metropolisKernel, chain, plan);
 */
export function startChain<M, S, O>(kernel: Kernel<M, S, O>, model: M, options: O, plan: ResolvedPlan, seed: number, index: number): Chain<S> {
  const rng = Rng.stream(seed, index);
  const state = kernel.init(model, options, rng);
  const observables = kernel.observables(model, options);
  const { series, vectorSums, batchCounts, row } = allocate(observables, plan);
  return { index, sweepsDone: 0, rng, state, observables, measurements: 0, series, vectorSums, batchCounts, accepted: 0, attempted: 0, maxDrift: 0, row };
}

/** Plain-data copy of a chain (the kernel's `save` for its state). */
export function snapshotChain<S>(kernel: Kernel<unknown, S, unknown>, chain: Chain<S>): ChainSnapshot {
  return {
    index: chain.index,
    sweepsDone: chain.sweepsDone,
    rng: chain.rng.getState(),
    state: kernel.save(chain.state),
    measurements: chain.measurements,
    series: chain.series.map((s) => s.slice(0, chain.measurements)),
    vectorSums: chain.vectorSums.map((v) => v.slice()),
    batchCounts: chain.batchCounts.slice(),
    accepted: chain.accepted,
    attempted: chain.attempted,
    maxDrift: chain.maxDrift,
  };
}

/** Rebuild a live chain from a snapshot; it continues exactly as the original would have. */
export function resumeChain<M, S, O>(kernel: Kernel<M, S, O>, model: M, options: O, plan: ResolvedPlan, snapshot: ChainSnapshot): Chain<S> {
  const state = kernel.restore(model, options, snapshot.state);
  const observables = kernel.observables(model, options);
  const { series, vectorSums, batchCounts, row } = allocate(observables, plan);
  if (snapshot.series.length !== series.length || snapshot.vectorSums.length !== vectorSums.length) {
    throw new Error('chain snapshot does not match the observables of this kernel');
  }
  snapshot.series.forEach((s, i) => series[i].set(s));
  snapshot.vectorSums.forEach((v, i) => vectorSums[i].set(v));
  batchCounts.set(snapshot.batchCounts);
  return {
    index: snapshot.index,
    sweepsDone: snapshot.sweepsDone,
    rng: Rng.fromState(snapshot.rng),
    state,
    observables,
    measurements: snapshot.measurements,
    series,
    vectorSums,
    batchCounts,
    accepted: snapshot.accepted,
    attempted: snapshot.attempted,
    maxDrift: snapshot.maxDrift,
    row,
  };
}

/** Whether a chain has done every sweep of its plan. */
export function chainDone(chain: Chain<unknown>, plan: ResolvedPlan): boolean {
  return chain.sweepsDone >= plan.burnIn + plan.sweeps;
}

function measure<S>(chain: Chain<S>, plan: ResolvedPlan, total: number): void {
  const { observables, row } = chain;
  observables.measure(chain.state, row);
  const m = chain.measurements;
  for (let i = 0; i < row.length; i++) chain.series[i][m] = row[i];
  const vectors = observables.vectors;
  if (vectors && vectors.length) {
    const batch = Math.floor((m * plan.batches) / total);
    chain.batchCounts[batch] += 1;
    for (let v = 0; v < vectors.length; v++) {
      const length = vectors[v].length;
      vectors[v].accumulate(chain.state, chain.vectorSums[v].subarray(batch * length, (batch + 1) * length));
    }
  }
  chain.measurements = m + 1;
}

/** Options for {@link advanceChain}. */
export interface AdvanceOptions {
  /** Stop early (between sweeps) when this returns true; asked every `stopEvery` sweeps. */
  shouldStop?: () => boolean;
  /** How often `shouldStop` and `onProgress` are consulted (default 16 sweeps). */
  stopEvery?: number;
  /** Called with the chain's sweeps done (burn-in included). */
  onProgress?: (sweepsDone: number) => void;
}

/**
 * Run a chain forward: burn-in sweeps (each followed by the kernel's `adapt` hook), then measured
 * sweeps with a measurement every `interval` sweeps, and the `check` hook every `checkInterval`
 * sweeps. Stops when the plan is complete or `shouldStop` says so; calling it again continues.
 * Where the run is cut never changes the result: everything depends on the sweep count only.
 */
export function advanceChain<S>(kernel: Kernel<unknown, S, unknown>, chain: Chain<S>, plan: ResolvedPlan, options: AdvanceOptions = {}): Chain<S> {
  const end = plan.burnIn + plan.sweeps;
  const total = measurementCount(plan);
  const every = Math.max(1, options.stopEvery ?? 16);
  let sinceCheck = 0;
  while (chain.sweepsDone < end) {
    const info = kernel.sweep(chain.state, chain.rng);
    const sweep = ++chain.sweepsDone;
    if (sweep <= plan.burnIn) {
      kernel.adapt?.(chain.state, info, sweep, plan.burnIn);
    } else {
      chain.accepted += info.accepted;
      chain.attempted += info.attempted;
      const measured = sweep - plan.burnIn;
      if (measured % plan.interval === 0 && chain.measurements < total) measure(chain, plan, total);
    }
    if (plan.checkInterval > 0 && kernel.check && sweep % plan.checkInterval === 0) {
      chain.maxDrift = Math.max(chain.maxDrift, kernel.check(chain.state));
    }
    if (++sinceCheck >= every) {
      sinceCheck = 0;
      options.onProgress?.(chain.sweepsDone);
      if (options.shouldStop?.()) break;
    }
  }
  options.onProgress?.(chain.sweepsDone);
  return chain;
}
