import { invalidValue, requirePositive } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { IsingModel, type IsingModelData } from '../models/ising.js';
import type { SweepInfo } from './kernel.js';

/** How a chain starts: independent random spins (hot), all +1 or all -1 (cold). */
export type SpinStart = 'random' | 'up' | 'down';

/**
 * Options every Ising kernel takes. `beta` = 1/T (k_B = 1) for the energy convention
 * E(s) = sum_n h_n s_n + sum_{n<m} J_nm s_n s_m.
 */
export interface IsingKernelOptions {
  beta: number;
  /** Starting configuration (default 'random'). */
  start?: SpinStart;
  /** Also measure the spin-spin correlation function G(r) (lattice models only). */
  correlation?: boolean;
}

/**
 * The evolving part shared by the single-spin and cluster kernels: spins s_n = ±1, the total
 * energy E and magnetisation M = sum_n s_n tracked incrementally, and the inverse temperature.
 */
export interface SpinState {
  spins: Int8Array;
  energy: number;
  magnetization: number;
  beta: number;
  /** Reused return value of `sweep` (no allocation per sweep). */
  info: SweepInfo;
}

/** Plain-data form of a {@link SpinState} for checkpoints and threads. */
export interface SavedSpins {
  spins: Int8Array;
  energy: number;
  magnetization: number;
  beta: number;
}

/** Validate the common options. */
export function checkIsingOptions(options: IsingKernelOptions): void {
  requirePositive('beta', options.beta);
  const start = options.start ?? 'random';
  if (start !== 'random' && start !== 'up' && start !== 'down') throw invalidValue('start', start, '"random", "up" or "down"');
}

/** Starting spins drawn from `rng` (random start: one random bit per spin). */
export function initialSpins(size: number, start: SpinStart = 'random', rng: Rng): Int8Array {
  const spins = new Int8Array(size);
  if (start === 'up') return spins.fill(1);
  if (start === 'down') return spins.fill(-1);
  for (let n = 0; n < size; n += 32) {
    const bits = rng.nextInt32();
    for (let b = 0; b < 32 && n + b < size; b++) spins[n + b] = (bits >>> b) & 1 ? -1 : 1;
  }
  return spins;
}

/** A fresh spin state with energy and magnetisation computed from scratch. */
export function newSpinState(model: IsingModel, options: IsingKernelOptions, rng: Rng): SpinState {
  checkIsingOptions(options);
  const spins = initialSpins(model.size, options.start, rng);
  return { spins, energy: model.energy(spins), magnetization: model.magnetization(spins), beta: options.beta, info: { accepted: 0, attempted: 0 } };
}

/** Copy the evolving numbers of a spin state. */
export function saveSpins(state: SpinState): SavedSpins {
  return { spins: state.spins.slice(), energy: state.energy, magnetization: state.magnetization, beta: state.beta };
}

/** Rebuild a spin state from {@link saveSpins} output (checked against the model's size). */
export function restoreSpins(model: IsingModel, saved: unknown): SpinState {
  const s = saved as SavedSpins;
  if (!(s?.spins instanceof Int8Array) || s.spins.length !== model.size) throw new Error(`saved state does not fit a model of ${model.size} spins`);
  return { spins: Int8Array.from(s.spins), energy: s.energy, magnetization: s.magnetization, beta: s.beta, info: { accepted: 0, attempted: 0 } };
}

/** Recompute E and M from the spins; returns the energy drift found. */
export function resyncSpins(model: IsingModel, state: SpinState): number {
  const energy = model.energy(state.spins);
  const drift = Math.abs(energy - state.energy);
  state.energy = energy;
  state.magnetization = model.magnetization(state.spins);
  return drift;
}

/** Model codec for worker threads (IsingModel is a class; its data form is plain typed arrays). */
export const isingModelCodec = {
  toModelData: (model: IsingModel): unknown => model.toData(),
  fromModelData: (data: unknown): IsingModel => IsingModel.fromData(data as IsingModelData),
};

/**
 * 2^32: acceptance thresholds compare a uniform 32-bit integer u < p * 2^32. Hot loops write the
 * literal 4294967296 instead: V8 does not constant-fold an imported binding, and the load
 * doubled the cost of a Metropolis step.
 */
export const TWO_POW_32 = 4294967296;

/**
 * Threshold t = floor(p 2^32) for accepting with probability p by `u < t`, u a uniform 32-bit
 * integer: the realised probability t / 2^32 is below p by less than 2^-32 ≈ 2.3e-10 per
 * decision (and exactly 1 for p >= 1, where t = 2^32 exceeds every u).
 */
export function acceptanceThreshold(p: number): number {
  return p >= 1 ? TWO_POW_32 : Math.floor(p * TWO_POW_32);
}
