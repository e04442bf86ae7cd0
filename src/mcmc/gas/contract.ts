import type { Rng } from '../../core/rng.js';

// The kernel contract of the Monte Carlo driver (DESIGN.md: samplers are kernels), restated
// structurally so the gas kernel type-checks before the driver's own src/mcmc/kernel.ts lands.

/** What one sweep did. */
export interface SweepInfo {
  accepted: number;
  attempted: number;
}

/** A per-measurement vector observable: `accumulate` adds this measurement's values into `sum`. */
export interface VectorObservable<State> {
  readonly name: string;
  readonly length: number;
  accumulate(state: State, sum: Float64Array): void;
}

/** A function of scalar means with its own error (jackknife). */
export interface DerivedObservable {
  readonly name: string;
  readonly inputs: readonly string[];
  compute(means: readonly number[]): number;
}

/** Scalars written by `measure` into `out`, vector observables, derived quantities. */
export interface ObservableSet<State> {
  readonly scalars: readonly string[];
  measure(state: State, out: Float64Array): void;
  readonly vectors?: readonly VectorObservable<State>[];
  readonly derived?: readonly DerivedObservable[];
}

/** init / sweep / save / restore / observables, plus the burn-in and consistency hooks. */
export interface Kernel<Model, State, Options> {
  readonly name: string;
  init(model: Model, options: Options, rng: Rng): State;
  sweep(state: State, rng: Rng): SweepInfo;
  save(state: State): unknown;
  restore(model: Model, options: Options, saved: unknown): State;
  observables(model: Model, options: Options): ObservableSet<State>;
  adapt?(state: State, info: SweepInfo, sweep: number, burnIn: number): void;
  check?(state: State): number;
  toModelData?(model: Model): unknown;
  fromModelData?(data: unknown): Model;
  stats?(state: State): Record<string, number | number[]>;
}
