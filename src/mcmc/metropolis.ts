import { invalidValue } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { IsingModel } from '../models/ising.js';
import { type CouplingClasses, couplingClasses } from './coupling-classes.js';
import { isingObservables, writeIsingScalars } from './ising-observables.js';
import type { Kernel, SweepInfo } from './kernel.js';
import { siteOrder, type SiteOrder } from './site-order.js';
import {
  type IsingKernelOptions, type SpinState, acceptanceThreshold, checkIsingOptions, isingModelCodec, newSpinState, restoreSpins, resyncSpins, saveSpins,
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
  /**
   * Tabulated path: per site the code (s_n > 0 ? B : 0) + q_n + Z, with B the power of two
   * above 2Z and q_n = sum_m sign(J_nm) s_m the integer neighbour sum, kept up to date as spins
   * flip (a flip changes the codes of its neighbours). One byte per site; derived from the
   * spins, never saved. While it is in use the codes are the truth and `spins` is brought up to
   * date only when read (save, configuration, correlation, check): see {@link metropolisSpins}.
   */
  codes: Uint8Array;
  /** The spin bit B of the codes. */
  spinBit: number;
  /** Acceptance thresholds and energy changes by code. */
  threshold: Float64Array;
  deltaE: Float64Array;
  /** Sequential order on a periodic square lattice with uniform J, h: neighbours from coordinates. */
  square: boolean;
  /** Square path: accepted flips per code in the current sweep. */
  flips: Int32Array;
}

/** Largest degree whose codes fit in a byte (spin bit 64, q + Z < 64). */
const MAX_CODED_DEGREE = 31;

/** The spin bit of the codes for maximum degree z: the power of two above 2z. */
function spinBitFor(z: number): number {
  let bit = 1;
  while (bit <= 2 * z) bit <<= 1;
  return bit;
}

/** Tables by code: dE = -2 s (h + unit q) for code (s > 0 ? B : 0) + q + Z. */
function buildTables(state: MetropolisState): void {
  const c = state.classes;
  if (!c) return;
  const z = c.maxDegree;
  const bit = spinBitFor(z);
  state.spinBit = bit;
  state.threshold = new Float64Array(2 * bit);
  state.deltaE = new Float64Array(2 * bit);
  for (const s of [-1, 1]) {
    for (let q = -z; q <= z; q++) {
      const code = (s > 0 ? bit : 0) + q + z;
      const dE = -2 * s * (c.field + c.unit * q);
      state.deltaE[code] = dE;
      state.threshold[code] = acceptanceThreshold(Math.exp(-state.beta * dE));
    }
  }
}

/** Compute every site's code from the spins. */
function buildCodes(state: MetropolisState): void {
  const c = state.classes as CouplingClasses;
  const { offsets, neighbors, size } = state.model;
  const z = c.maxDegree;
  const bit = spinBitFor(z);
  const codes = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    let q = 0;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) q += (c.signs ? c.signs[k] : 1) * state.spins[neighbors[k]];
    codes[i] = (state.spins[i] > 0 ? bit : 0) + q + z;
  }
  state.codes = codes;
}

function prepare(model: IsingModel, options: MetropolisOptions, base: SpinState): MetropolisState {
  const order = options.order ?? 'sequential';
  let classes = couplingClasses(model);
  if (classes && classes.maxDegree > MAX_CODED_DEGREE) classes = null;
  const state: MetropolisState = {
    ...base, model, order,
    visit: order === 'checkerboard' ? siteOrder(model, order) : null,
    classes, codes: new Uint8Array(0), spinBit: 0,
    threshold: new Float64Array(0), deltaE: new Float64Array(0), square: false, flips: new Int32Array(32),
  };
  state.square = order === 'sequential' && isPlainSquare(model, classes);
  if (classes) {
    buildTables(state);
    buildCodes(state);
  }
  return state;
}

/**
 * Tabulated sweep (one coupling magnitude, uniform field): the code of the visited site indexes
 * the threshold table directly; an accepted flip toggles its own spin bit and moves each
 * neighbour's q by -2 sign(J) s_n. Energy and magnetisation changes are summed as integers
 * (sum of s q and of s over accepted flips) and converted once per sweep.
 */
function sweepTabulated(st: MetropolisState, rng: Rng): number {
  const { codes, threshold, visit, spinBit } = st;
  const { offsets, neighbors, size } = st.model;
  const c = st.classes as CouplingClasses;
  const signs = c.signs;
  const z = c.maxDegree;
  const random = st.order === 'random';
  let sumSQ = 0;
  let sumS = 0;
  let accepted = 0;
  for (let t = 0; t < size; t++) {
    const i = random ? rng.nextInt(size) : visit === null ? t : visit[t];
    const code = codes[i];
    const thr = threshold[code];
    if (thr >= 4294967296 || rng.nextInt32() >>> 0 < thr) {
      codes[i] = code ^ spinBit;
      const s = code & spinBit ? 1 : -1;
      const d = -2 * s;
      const end = offsets[i + 1];
      if (signs === null) for (let k = offsets[i]; k < end; k++) codes[neighbors[k]] += d;
      else for (let k = offsets[i]; k < end; k++) codes[neighbors[k]] += signs[k] * d;
      sumSQ += s * ((code & (spinBit - 1)) - z);
      sumS += s;
      accepted++;
    }
  }
  finishSweep(st, sumSQ, sumS);
  return accepted;
}

/** The current spins (rewritten from the codes' spin bits on the tabulated path). */
export function metropolisSpins(st: MetropolisState): Int8Array {
  if (st.classes) {
    const { spins, codes, spinBit } = st;
    for (let i = 0; i < spins.length; i++) spins[i] = codes[i] & spinBit ? 1 : -1;
  }
  return st.spins;
}

/** Apply a sweep's accepted flips to E and M: each flip changed E by -2 s (h + unit q) and M by -2 s. */
function finishSweep(st: MetropolisState, sumSQ: number, sumS: number): void {
  const c = st.classes as CouplingClasses;
  if (sumS !== 0 || sumSQ !== 0) st.energy += -2 * c.unit * sumSQ - 2 * c.field * sumS;
  st.magnetization -= 2 * sumS;
}

/** Whether the model is a periodic square lattice with uniform J and h (the arithmetic-neighbour path). */
function isPlainSquare(model: IsingModel, classes: CouplingClasses | null): boolean {
  const lattice = model.lattice;
  return !!classes && classes.signs === null && !!lattice && lattice.shape === 'square' && lattice.boundary.every((b) => b === 'periodic') && lattice.size.every((l) => l >= 3);
}

/**
 * Sequential sweep of a periodic square lattice: as {@link sweepTabulated} (same proposals,
 * order and random numbers), with the neighbours of an accepted flip computed from coordinates
 * instead of read from the CSR arrays, and the xoshiro128** step of Rng.nextInt32 written out
 * on local variables (Rng.getState / setState around the sweep), which halves its cost.
 */
function sweepSquare(st: MetropolisState, rng: Rng): number {
  const [lx, ly] = (st.model.lattice as NonNullable<IsingModel['lattice']>).size;
  const { codes, threshold } = st;
  const saved = rng.getState();
  let s0 = saved.words[0] | 0;
  let s1 = saved.words[1] | 0;
  let s2 = saved.words[2] | 0;
  let s3 = saved.words[3] | 0;
  const flips = st.flips.fill(0);
  for (let y = 0; y < ly; y++) {
    const row = y * lx;
    const up = y + 1 === ly ? 0 : row + lx;
    const down = y === 0 ? (ly - 1) * lx : row - lx;
    const end = row + lx;
    for (let i = row; i < end; i++) {
      const c = codes[i];
      const thr = threshold[c];
      let accept = thr >= 4294967296;
      if (!accept) {
        // xoshiro128** (Blackman & Vigna), exactly as Rng.nextInt32.
        const m = Math.imul(s1, 5);
        const u = Math.imul((m << 7) | (m >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        accept = u >>> 0 < thr;
      }
      if (accept) {
        codes[i] = c ^ 16;
        flips[c]++;
        const d = c & 16 ? -2 : 2;
        const x = i - row;
        codes[x + 1 === lx ? row : i + 1] += d;
        codes[x === 0 ? end - 1 : i - 1] += d;
        codes[up + x] += d;
        codes[down + x] += d;
      }
    }
  }
  rng.setState({ words: [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0], spareNormal: saved.spareNormal });
  // Energy and magnetisation changes from the count of accepted flips per code.
  let sumSQ = 0;
  let sumS = 0;
  let accepted = 0;
  for (let c = 0; c < 32; c++) {
    const s = c & 16 ? 1 : -1;
    sumSQ += flips[c] * s * ((c & 15) - 4);
    sumS += flips[c] * s;
    accepted += flips[c];
  }
  finishSweep(st, sumSQ, sumS);
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
  state.info.accepted = state.square ? sweepSquare(state, rng) : state.classes ? sweepTabulated(state, rng) : sweepGeneral(state, rng);
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
  save: (state) => {
    metropolisSpins(state);
    return saveSpins(state);
  },
  restore(model, options, saved) {
    checkIsingOptions(options);
    return prepare(model, options, restoreSpins(model, saved));
  },
  observables(model, options) {
    return isingObservables(model, options.beta, (s: MetropolisState, out) => writeIsingScalars(s.energy, s.magnetization, out), metropolisSpins, options.correlation);
  },
  check(state) {
    metropolisSpins(state);
    if (state.classes) buildCodes(state);
    return resyncSpins(state.model, state);
  },
  energy: (state) => state.energy,
  setBeta(state, beta) {
    state.beta = beta;
    buildTables(state);
  },
  configuration: metropolisSpins,
  ...isingModelCodec,
};

/** Validate a site order name. */
export function checkOrder(order: string | undefined): void {
  if (order !== undefined && order !== 'sequential' && order !== 'random' && order !== 'checkerboard') {
    throw invalidValue('order', order, '"sequential", "random" or "checkerboard"');
  }
}
