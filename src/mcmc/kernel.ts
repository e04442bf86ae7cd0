import type { Rng } from '../core/rng.js';

/**
 * What one sweep did: `accepted` of `attempted` proposals (for a cluster kernel one cluster
 * flip is one accepted proposal). The driver sums these after burn-in into the acceptance rate.
 */
export interface SweepInfo {
  accepted: number;
  attempted: number;
}

/**
 * A per-measurement vector observable accumulated as an average, e.g. the spin-spin
 * correlation function G(r) of a lattice or the radial distribution g(r) of a gas.
 * `accumulate` ADDS this measurement's values into `sum[0..length)`; the driver keeps one sum
 * per batch so the average gets a batch-means error bar.
 */
export interface VectorObservable<State> {
  readonly name: string;
  readonly length: number;
  accumulate(state: State, sum: Float64Array): void;
}

/**
 * A quantity computed from the means of scalar observables, e.g. the heat capacity
 * C = beta^2 (<E^2> - <E>^2) from `energy` and `energySquared`. Its error comes from the
 * blocked jackknife; its tau, ESS and R-hat from the linearised (delta-method) series.
 */
export interface DerivedObservable {
  readonly name: string;
  /** Names of the scalar observables whose means `compute` receives, in this order. */
  readonly inputs: readonly string[];
  compute(means: readonly number[]): number;
}

/**
 * What the driver measures: scalar observables written by `measure` into `out[i]` for
 * `scalars[i]` (one value per measurement, kept as a time series), optional vector
 * observables (averaged) and derived quantities (functions of scalar means).
 */
export interface ObservableSet<State> {
  readonly scalars: readonly string[];
  measure(state: State, out: Float64Array): void;
  readonly vectors?: readonly VectorObservable<State>[];
  readonly derived?: readonly DerivedObservable[];
}

/**
 * The kernel contract (DESIGN.md "samplers are kernels"). A kernel is one Markov chain
 * transition for one model family; the driver (src/mcmc/driver.ts) owns burn-in, measurement,
 * statistics, several chains, checkpoints and progress, so a new algorithm is one small file.
 *
 * - `init(model, options, rng)` builds the chain state (a fresh start, e.g. random spins).
 * - `sweep(state, rng)` advances the state by one sweep (about one update per degree of
 *   freedom), updating its typed arrays in place, and returns what it did. Every random number
 *   comes from `rng`: the driver gives chain k the stream `Rng.stream(seed, k)`, so results do
 *   not depend on threads or on how a run is cut into checkpointed segments.
 * - `save(state)` returns plain data (numbers, strings, booleans, typed arrays, arrays and plain
 *   objects of these: no class instances, no functions), which is structured-cloneable (crosses
 *   worker threads) and JSON-encodable by the checkpoint codec. `restore(model, options, saved)`
 *   must rebuild a state that continues BIT FOR BIT as the saved one would have: save every
 *   number that evolves (e.g. an energy tracked incrementally, an adapted step size), and
 *   recompute only what is a pure function of (model, options).
 * - `observables(model, options)` names what is measured (see {@link ObservableSet}).
 * - `adapt` (optional) is called after every burn-in sweep and never afterwards: tune step
 *   sizes or temperature ladders there, so that the measured chain is a fixed Markov kernel.
 * - `check` (optional) is called every `checkInterval` sweeps: recompute what is tracked
 *   incrementally (e.g. the total energy), resynchronise it, and return the absolute drift
 *   found; the driver reports the largest.
 * - `energy` / `setBeta` (optional) let parallel tempering wrap the kernel: swaps exchange
 *   inverse temperatures between replicas with probability min(1, exp((b_i - b_j)(E_i - E_j))).
 * - `toModelData` / `fromModelData` (optional) turn a model into structured-cloneable data for
 *   worker threads and back (omit them when the model already is plain data).
 * - `stats` (optional) returns kernel-specific summaries for the report (mean cluster size,
 *   swap rates per temperature pair, the final ladder).
 * - `configuration` (optional) returns the current configuration for pictures and files (spins
 *   ±1 for Ising models, e.g. positions for a gas).
 *
 * @example
 * // A kernel is a plain object; see metropolisKernel in ./metropolis.ts for a full one.
 * const chain = startChain(metropolisKernel, model, { beta: 0.44 }, plan, 42, 0);
 */
export interface Kernel<Model, State, Options> {
  readonly name: string;
  init(model: Model, options: Options, rng: Rng): State;
  sweep(state: State, rng: Rng): SweepInfo;
  save(state: State): unknown;
  restore(model: Model, options: Options, saved: unknown): State;
  observables(model: Model, options: Options): ObservableSet<State>;
  adapt?(state: State, info: SweepInfo, sweep: number, burnIn: number): void;
  check?(state: State): number;
  energy?(state: State): number;
  setBeta?(state: State, beta: number): void;
  toModelData?(model: Model): unknown;
  fromModelData?(data: unknown): Model;
  stats?(state: State): Record<string, number | number[]>;
  configuration?(state: State): ArrayLike<number>;
}

/** A kernel with its type parameters erased, for registries and worker tasks. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKernel = Kernel<any, any, any>;

/**
 * Where a worker thread finds a kernel: `module`'s export `exportName` is either the kernel
 * itself or a function returning it when called with `args` (plain data), e.g.
 * `{ module: '.../ising-kernels.js', exportName: 'isingKernel', args: ['tempering', 'metropolis'] }`.
 */
export interface KernelRef {
  module: string;
  exportName: string;
  args?: unknown[];
}

/** Resolve a module namespace and a {@link KernelRef} into the kernel. */
export function kernelFromModule(mod: Record<string, unknown>, ref: KernelRef): AnyKernel {
  const value = mod[ref.exportName];
  if (typeof value === 'function') return (value as (...args: unknown[]) => AnyKernel)(...(ref.args ?? []));
  if (value && typeof value === 'object' && typeof (value as AnyKernel).sweep === 'function') return value as AnyKernel;
  throw new Error(`kernel ${ref.exportName} not found in ${ref.module}`);
}
