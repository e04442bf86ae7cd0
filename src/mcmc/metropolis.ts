import { invalidValue } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { IsingModel } from '../models/ising.js';
import { type CouplingClasses, couplingClasses } from './coupling-classes.js';
import { isingObservables, writeIsingScalars } from './ising-observables.js';
import type { Kernel, SweepInfo } from './kernel.js';
import { siteOrder, type SiteOrder } from './site-order.js';
import {
  type IsingKernelOptions, type SpinState, TWO_POW_32, acceptanceThreshold, checkIsingOptions, isingModelCodec, newSpinState, restoreSpins, resyncSpins, saveSpins,
} from './spin-state.js';

/** Options of the single-spin Metropolis kernel. */
export interface MetropolisOptions extends IsingKernelOptions {
  /**
   * Order of the N attempts in a sweep: 'sequential' (typewriter, site 0..N-1, the default),
   * 'random' (N uniformly random sites) or 'checkerboard' (even then odd sites of a bipartite
   * lattice).
   */
  order?: SiteOrder;
}

/** Metropolis state: spins plus the tables derived from (model, beta). */
export interface MetropolisState extends SpinState {
  model: IsingModel;
  order: SiteOrder;
  /** Visit order for 'checkerboard' (null otherwise). */
  visit: Int32Array | null;
  classes: CouplingClasses | null;
  /** Tabulated thresholds and energy changes by (s_n, q) when `classes` is set. */
  threshold: Float64Array;
  deltaE: Float64Array;
}

/**
 * Tables for the tabulated path: index (s_n > 0 ? W : 0) + s_n q + Z with W = 2Z + 1, where
 * dE = -2 s_n (h + unit q) = -2 s_n h - 2 unit (s_n q).
 */
function buildTables(state: MetropolisState): void {
  const c = state.classes;
  if (!c) return;
  const z = c.maxDegree;
  const width = 2 * z + 1;
  state.threshold = new Float64Array(2 * width);
  state.deltaE = new Float64Array(2 * width);
  for (const s of [-1, 1]) {
    for (let sq = -z; sq <= z; sq++) {
      const index = (s > 0 ? width : 0) + sq + z;
      const dE = -2 * s * c.field - 2 * c.unit * sq;
      state.deltaE[index] = dE;
      state.threshold[index] = acceptanceThreshold(Math.exp(-state.beta * dE));
    }
  }
}

function prepare(model: IsingModel, options: MetropolisOptions, base: SpinState): MetropolisState {
  const order = options.order ?? 'sequential';
  const state: MetropolisState = {
    ...base, model, order,
    visit: order === 'checkerboard' ? siteOrder(model, order) : null,
    classes: couplingClasses(model),
    threshold: new Float64Array(0), deltaE: new Float64Array(0),
  };
  buildTables(state);
  return state;
}

/** Tabulated sweep (few coupling values): integer neighbour sums, table lookups. */
function sweepTabulated(st: MetropolisState, rng: Rng): number {
  const { spins, threshold, deltaE, visit } = st;
  const { offsets, neighbors, size } = st.model;
  const c = st.classes as CouplingClasses;
  const signs = c.signs;
  const z = c.maxDegree;
  const width = 2 * z + 1;
  const random = st.order === 'random';
  let energy = st.energy;
  let magnetization = st.magnetization;
  let accepted = 0;
  for (let t = 0; t < size; t++) {
    const i = random ? rng.nextInt(size) : visit === null ? t : visit[t];
    let q = 0;
    const end = offsets[i + 1];
    if (signs === null) for (let k = offsets[i]; k < end; k++) q += spins[neighbors[k]];
    else for (let k = offsets[i]; k < end; k++) q += signs[k] * spins[neighbors[k]];
    const s = spins[i];
    const index = (s > 0 ? width : 0) + s * q + z;
    const thr = threshold[index];
    if (thr >= TWO_POW_32 || rng.nextInt32() >>> 0 < thr) {
      spins[i] = -s;
      energy += deltaE[index];
      magnetization -= 2 * s;
      accepted++;
    }
  }
  st.energy = energy;
  st.magnetization = magnetization;
  return accepted;
}

/** General sweep (any couplings and fields): local field in floating point, exp per proposal. */
function sweepGeneral(st: MetropolisState, rng: Rng): number {
  const { spins, visit, beta } = st;
  const { offsets, neighbors, couplings, fields, size } = st.model;
  const random = st.order === 'random';
  let energy = st.energy;
  let magnetization = st.magnetization;
  let accepted = 0;
  for (let t = 0; t < size; t++) {
    const i = random ? rng.nextInt(size) : visit === null ? t : visit[t];
    let local = fields[i];
    const end = offsets[i + 1];
    for (let k = offsets[i]; k < end; k++) local += couplings[k] * spins[neighbors[k]];
    const s = spins[i];
    const dE = -2 * s * local;
    if (dE <= 0 || rng.nextInt32() >>> 0 < acceptanceThreshold(Math.exp(-beta * dE))) {
      spins[i] = -s;
      energy += dE;
      magnetization -= 2 * s;
      accepted++;
    }
  }
  st.energy = energy;
  st.magnetization = magnetization;
  return accepted;
}

function sweep(state: MetropolisState, rng: Rng): SweepInfo {
  state.info.accepted = state.classes ? sweepTabulated(state, rng) : sweepGeneral(state, rng);
  state.info.attempted = state.model.size;
  return state.info;
}

/**
 * Single-spin-flip Metropolis for any Ising model (general graphs, fields, disorder): propose
 * s_n -> -s_n, accept with min(1, exp(-beta dE)), dE = -2 s_n (h_n + sum_m J_nm s_m)
 * (Metropolis et al. 1953). When couplings take one magnitude and the field is uniform
 * (lattices, ±J glasses) acceptance thresholds are tabulated by the integer neighbour sum.
 * Acceptance compares a uniform 32-bit integer with floor(p 2^32): bias below 2.3e-10 per
 * decision. One sweep = N proposals in the chosen order.
 *
 * @example
 * const chain = startChain(metropolisKernel, squareModel(16, 16), { beta: 0.44, order: 'sequential' }, plan, 1, 0);
 */
export const metropolisKernel: Kernel<IsingModel, MetropolisState, MetropolisOptions> = {
  name: 'metropolis',
  init(model, options, rng) {
    checkOrder(options.order);
    return prepare(model, options, newSpinState(model, options, rng));
  },
  sweep,
  save: saveSpins,
  restore(model, options, saved) {
    checkIsingOptions(options);
    return prepare(model, options, restoreSpins(model, saved));
  },
  observables(model, options) {
    return isingObservables(model, options.beta, (s: MetropolisState, out) => writeIsingScalars(s.energy, s.magnetization, out), (s) => s.spins, options.correlation);
  },
  check: (state) => resyncSpins(state.model, state),
  energy: (state) => state.energy,
  setBeta(state, beta) {
    state.beta = beta;
    buildTables(state);
  },
  ...isingModelCodec,
};

/** Validate a site order name. */
export function checkOrder(order: string | undefined): void {
  if (order !== undefined && order !== 'sequential' && order !== 'random' && order !== 'checkerboard') {
    throw invalidValue('order', order, '"sequential", "random" or "checkerboard"');
  }
}
