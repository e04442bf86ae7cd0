import { GibbsError, invalidValue } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { IsingModel } from '../models/ising.js';
import { type BitwiseAcceptance, bitwiseAcceptance, decideFlips, popcount } from './bitwise-acceptance.js';
import { isingObservables, writeIsingScalars } from './ising-observables.js';
import type { Kernel, SweepInfo } from './kernel.js';
import { type IsingKernelOptions, checkIsingOptions, isingModelCodec } from './spin-state.js';

/**
 * How spins are packed 32 to an Int32 word (bit set = spin -1):
 * - 'strip': one system. The last lattice dimension (length 32 h) is cut into 32 strips of h
 *   layers; bit b of word (x.., r) is the spin at last coordinate b h + r. Neighbours along the
 *   other dimensions are the same bits of neighbouring words; along the last dimension they are
 *   the neighbouring layer, rotated by one bit across a strip boundary. Sites are updated in
 *   checkerboard order, so no two spins updated together interact. Needs a periodic chain,
 *   square or cubic lattice with uniform J and h, last length a multiple of 32, others even.
 * - 'replica': 32 independent copies of any graph with uniform J and h and degree <= 7; bit b of
 *   word n is spin n of copy b, updated in sequential order. Measurements average the 32 copies'
 *   E, E^2, M, |M|, M^2, M^4 (so derived quantities stay correct).
 */
export type MultispinLayout = 'strip' | 'replica';

/** Options of the multi-spin kernel. */
export interface MultispinOptions extends IsingKernelOptions {
  /** Packing (default 'auto': 'strip' when the lattice allows it, else 'replica'). */
  layout?: MultispinLayout | 'auto';
}

/** Multi-spin state: packed words plus neighbour tables. */
export interface MultispinState {
  model: IsingModel;
  layout: MultispinLayout;
  beta: number;
  coupling: number;
  field: number;
  words: Int32Array;
  /** Strip: neighbour word per (word, direction), directions ordered +d0, -d0, +d1, -d1, ... */
  neighbor: Int32Array;
  /** Strip: right-rotation per (word, direction): 0, 1 (up across a strip) or 31 (down). */
  shift: Uint8Array;
  degree: number;
  /** Strip: words to visit per colour and the bits of that colour in each. */
  visit: [Int32Array, Int32Array];
  visitMask: [Int32Array, Int32Array];
  /** Acceptance classes per degree (strip: only `degree`). */
  acceptance: BitwiseAcceptance[];
  /** Strip: site index of bit b of word w is sites[w * 32 + b]. */
  sites: Int32Array;
  spins: Int8Array;
  info: SweepInfo;
}

interface Geometry {
  layout: MultispinLayout;
  coupling: number;
  field: number;
}

/** Which layout a model allows (or a GibbsError saying why multi-spin coding does not apply). */
export function multispinLayout(model: IsingModel, requested: MultispinLayout | 'auto' = 'auto'): Geometry {
  const coupling = model.uniformCoupling();
  const field = model.uniformField();
  if (coupling === undefined || field === undefined) {
    throw new GibbsError('algorithm multispin: needs one coupling value J for every bond and a uniform field (use metropolis for disordered models)', 'algorithm');
  }
  const lattice = model.lattice;
  const size = lattice?.size ?? [];
  const last = size[size.length - 1];
  const stripOk = !!lattice && lattice.shape !== 'triangular' && lattice.boundary.every((b) => b === 'periodic') && last % 32 === 0 && size.slice(0, -1).every((l) => l % 2 === 0 && l >= 4);
  if (requested === 'strip' && !stripOk) {
    throw new GibbsError('layout strip: needs a periodic chain, square or cubic lattice whose last length is a multiple of 32 and whose other lengths are even and >= 4', 'layout');
  }
  if (stripOk && requested !== 'replica') return { layout: 'strip', coupling, field };
  if (model.maxDegree() > 7) throw new GibbsError(`algorithm multispin: replica layout needs degree <= 7, this model has ${model.maxDegree()}`, 'algorithm');
  return { layout: 'replica', coupling, field };
}

function stripTables(model: IsingModel) {
  const size = (model.lattice as NonNullable<IsingModel['lattice']>).size;
  const dims = size.length;
  const height = size[dims - 1] / 32;
  const grid = [...size.slice(0, -1), height];
  const words = grid.reduce((a, b) => a * b, 1);
  const degree = 2 * dims;
  const neighbor = new Int32Array(words * degree);
  const shift = new Uint8Array(words * degree);
  const strides = grid.map((_, d) => grid.slice(0, d).reduce((a, b) => a * b, 1));
  const siteStrides = size.map((_, d) => size.slice(0, d).reduce((a, b) => a * b, 1));
  const sites = new Int32Array(words * 32);
  const visitLists: [number[], number[]] = [[], []];
  const maskLists: [number[], number[]] = [[], []];
  const coord = new Array<number>(dims).fill(0);
  for (let w = 0; w < words; w++) {
    let rest = w;
    for (let d = 0; d < dims; d++) {
      coord[d] = rest % grid[d];
      rest = Math.floor(rest / grid[d]);
    }
    for (let d = 0; d < dims; d++) {
      for (const step of [1, -1]) {
        const slot = w * degree + 2 * d + (step > 0 ? 0 : 1);
        let c = coord[d] + step;
        let sh = 0;
        if (c === grid[d]) {
          c = 0;
          if (d === dims - 1) sh = 1;
        } else if (c < 0) {
          c = grid[d] - 1;
          if (d === dims - 1) sh = 31;
        }
        neighbor[slot] = w + (c - coord[d]) * strides[d];
        shift[slot] = sh;
      }
    }
    let base = 0;
    for (let d = 0; d < dims - 1; d++) base += coord[d] * siteStrides[d];
    for (let b = 0; b < 32; b++) sites[w * 32 + b] = base + (b * height + coord[dims - 1]) * siteStrides[dims - 1];
    const parity = coord.reduce((a, b) => a + b, 0) & 1;
    for (const colour of [0, 1]) {
      // Colour of bit b: (sum of coordinates + b h) mod 2.
      const mask = height % 2 === 0 ? (parity === colour ? -1 : 0) : (parity ^ colour) === 0 ? 0x55555555 : 0xaaaaaaaa | 0;
      if (mask !== 0) {
        visitLists[colour].push(w);
        maskLists[colour].push(mask);
      }
    }
  }
  return {
    neighbor, shift, degree, sites,
    visit: [Int32Array.from(visitLists[0]), Int32Array.from(visitLists[1])] as [Int32Array, Int32Array],
    visitMask: [Int32Array.from(maskLists[0]), Int32Array.from(maskLists[1])] as [Int32Array, Int32Array],
    words,
  };
}

function acceptanceTables(state: MultispinState): void {
  const maxDegree = state.layout === 'strip' ? state.degree : state.model.maxDegree();
  state.acceptance = Array.from({ length: maxDegree + 1 }, (_, d) => bitwiseAcceptance(d, state.coupling, state.field, state.beta));
}

function prepare(model: IsingModel, options: MultispinOptions, words: Int32Array | null, beta: number, rng: Rng | null): MultispinState {
  const geometry = multispinLayout(model, options.layout ?? 'auto');
  const strip = geometry.layout === 'strip' ? stripTables(model) : null;
  const count = strip ? strip.words : model.size;
  const state: MultispinState = {
    model, layout: geometry.layout, beta, coupling: geometry.coupling, field: geometry.field,
    words: words ? Int32Array.from(words) : new Int32Array(count),
    neighbor: strip?.neighbor ?? new Int32Array(0), shift: strip?.shift ?? new Uint8Array(0), degree: strip?.degree ?? 0,
    visit: strip?.visit ?? [new Int32Array(0), new Int32Array(0)], visitMask: strip?.visitMask ?? [new Int32Array(0), new Int32Array(0)],
    acceptance: [], sites: strip?.sites ?? new Int32Array(0), spins: new Int8Array(model.size), info: { accepted: 0, attempted: 0 },
  };
  if (words && words.length !== count) throw new Error(`saved multispin state has ${words.length} words, expected ${count}`);
  if (!words && rng) {
    const start = options.start ?? 'random';
    if (start === 'down') state.words.fill(-1);
    else if (start === 'random') for (let w = 0; w < count; w++) state.words[w] = rng.nextInt32();
  }
  acceptanceTables(state);
  return state;
}

function sweepStrip(st: MultispinState, rng: Rng): number {
  const { words, neighbor, shift, degree } = st;
  const acceptance = st.acceptance[degree];
  let flips = 0;
  for (let colour = 0; colour < 2; colour++) {
    const visit = st.visit[colour];
    const masks = st.visitMask[colour];
    for (let t = 0; t < visit.length; t++) {
      const w = visit[t];
      const s = words[w];
      const base = w * degree;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      for (let d = 0; d < degree; d++) {
        const x = words[neighbor[base + d]];
        const sh = shift[base + d];
        // Antiparallel neighbours, added into a bit-sliced 3-bit counter (b2 b1 b0).
        const a = s ^ ((x >>> sh) | (x << (32 - sh)));
        const c0 = b0 & a;
        b0 ^= a;
        b2 |= b1 & c0;
        b1 ^= c0;
      }
      const flip = decideFlips(acceptance, b0, b1, b2, s, masks[t], rng);
      words[w] = s ^ flip;
      flips += popcount(flip);
    }
  }
  return flips;
}

/**
 * The square-lattice strip sweep for zero field and two probabilistic classes (k = 0, 1 of a
 * ferromagnet; k = 3, 4 of an antiferromagnet), the hot path of the benchmark: neighbours are
 * computed arithmetically (no tables), the class constants live in registers, and the
 * xoshiro128** step of Rng.nextInt32 is written out on local variables. Same visiting order,
 * decisions and random numbers as {@link sweepStrip} (words w = x + Lx r in increasing order
 * per colour).
 */
function sweepSquareStrip(st: MultispinState, rng: Rng): number {
  const { words } = st;
  const lx = (st.model.lattice as NonNullable<IsingModel['lattice']>).size[0];
  const height = words.length / lx;
  const a = st.acceptance[4];
  const odd = height % 2 === 1;
  const x00 = a.x0[0];
  const x10 = a.x1[0];
  const x20 = a.x2[0];
  const x01 = a.x0[1];
  const x11 = a.x1[1];
  const x21 = a.x2[1];
  const digits = a.digits;
  const length = a.length;
  const saved = rng.getState();
  let s0 = saved.words[0] | 0;
  let s1 = saved.words[1] | 0;
  let s2 = saved.words[2] | 0;
  let s3 = saved.words[3] | 0;
  let flips = 0;
  for (let colour = 0; colour < 2; colour++) {
    for (let r = 0; r < height; r++) {
      const row = r * lx;
      const upRow = r + 1 === height ? 0 : row + lx;
      const downRow = r === 0 ? (height - 1) * lx : row - lx;
      const upShift = r + 1 === height ? 1 : 0;
      const downShift = r === 0 ? 31 : 0;
      // Even h: whole words have one colour, (x + r) mod 2; odd h: alternate bits (see stripTables).
      const start = odd ? 0 : (colour + r) & 1;
      const step = odd ? 1 : 2;
      for (let x = start; x < lx; x += step) {
        const w = row + x;
        const s = words[w];
        const u = words[upRow + x];
        const d = words[downRow + x];
        const a0 = s ^ words[x + 1 === lx ? row : w + 1];
        const a1 = s ^ words[x === 0 ? row + lx - 1 : w - 1];
        const a2 = s ^ ((u >>> upShift) | (u << (32 - upShift)));
        const a3 = s ^ ((d >>> downShift) | (d << (32 - downShift)));
        // Bit-sliced sum of four antiparallel indicators: two half adders, then combine.
        const s01 = a0 ^ a1;
        const c01 = a0 & a1;
        const s23 = a2 ^ a3;
        const c23 = a2 & a3;
        const b0 = s01 ^ s23;
        const b1 = c01 ^ c23 ^ (s01 & s23);
        const b2 = c01 & c23;
        const mask = odd ? ((x + r + colour) & 1 ? 0xaaaaaaaa | 0 : 0x55555555) : -1;
        const m0 = ~((b0 ^ x00) | (b1 ^ x10) | (b2 ^ x20)) & mask;
        const m1 = ~((b0 ^ x01) | (b1 ^ x11) | (b2 ^ x21)) & mask;
        let undecided = m0 | m1;
        let flip = mask & ~undecided;
        // Bit-serial U < p for all undecided bits (see bitwiseAcceptance), one word per digit.
        for (let i = 0; undecided !== 0 && i < length; i++) {
          const m = Math.imul(s1, 5);
          const v = Math.imul((m << 7) | (m >>> 25), 9);
          const t9 = s1 << 9;
          s2 ^= s0;
          s3 ^= s1;
          s1 ^= s2;
          s0 ^= s3;
          s2 ^= t9;
          s3 = (s3 << 11) | (s3 >>> 21);
          const t = (m0 & digits[2 * i]) | (m1 & digits[2 * i + 1]);
          flip |= undecided & t & ~v;
          undecided &= ~(t ^ v);
        }
        words[w] = s ^ flip;
        flips += popcount(flip);
      }
    }
  }
  rng.setState({ words: [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0], spareNormal: saved.spareNormal });
  return flips;
}

/** Whether {@link sweepSquareStrip} applies: square strip, zero field, exactly two probabilistic classes. */
function squareFastPath(st: MultispinState): boolean {
  const a = st.acceptance[4];
  return st.layout === 'strip' && st.degree === 4 && a !== undefined && a.count === 2 && a.useSpin === 0 && a.neverCount === 0;
}

/** The table-driven strip sweep (exported for the equivalence test of the fast path). */
export function multispinStripSweep(st: MultispinState, rng: Rng): number {
  return sweepStrip(st, rng);
}

function sweepReplica(st: MultispinState, rng: Rng): number {
  const { words } = st;
  const { offsets, neighbors, size } = st.model;
  let flips = 0;
  for (let i = 0; i < size; i++) {
    const s = words[i];
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const a = s ^ words[neighbors[k]];
      const c0 = b0 & a;
      b0 ^= a;
      b2 |= b1 & c0;
      b1 ^= c0;
    }
    const flip = decideFlips(st.acceptance[offsets[i + 1] - offsets[i]], b0, b1, b2, s, -1, rng);
    words[i] = s ^ flip;
    flips += popcount(flip);
  }
  return flips;
}

/** Strip layout: total energy and magnetisation of the one system. */
function stripTotals(st: MultispinState): [number, number] {
  const { words, neighbor, shift, degree } = st;
  let down = 0;
  let antiparallel = 0;
  for (let w = 0; w < words.length; w++) {
    const s = words[w];
    down += popcount(s);
    for (let d = 0; d < degree; d += 2) {
      const x = words[neighbor[w * degree + d]];
      const sh = shift[w * degree + d];
      antiparallel += popcount(s ^ ((x >>> sh) | (x << (32 - sh))));
    }
  }
  const n = st.model.size;
  const m = n - 2 * down;
  const bonds = (n * degree) / 2;
  return [st.coupling * (bonds - 2 * antiparallel) + st.field * m, m];
}

/** Replica layout: energy and magnetisation of each of the 32 copies. */
function replicaTotals(st: MultispinState, energies: Float64Array, mags: Float64Array): void {
  const { words } = st;
  const { offsets, neighbors, size } = st.model;
  const down = new Float64Array(32);
  const anti = new Float64Array(32);
  let bonds = 0;
  for (let i = 0; i < size; i++) {
    const s = words[i];
    for (let b = 0; b < 32; b++) down[b] += (s >>> b) & 1;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const j = neighbors[k];
      if (j < i) continue;
      bonds++;
      const x = s ^ words[j];
      if (x !== 0) for (let b = 0; b < 32; b++) anti[b] += (x >>> b) & 1;
    }
  }
  for (let b = 0; b < 32; b++) {
    mags[b] = size - 2 * down[b];
    energies[b] = st.coupling * (bonds - 2 * anti[b]) + st.field * mags[b];
  }
}

const replicaE = new Float64Array(32);
const replicaM = new Float64Array(32);

function measure(st: MultispinState, out: Float64Array): void {
  if (st.layout === 'strip') {
    const [e, m] = stripTotals(st);
    writeIsingScalars(e, m, out);
    return;
  }
  replicaTotals(st, replicaE, replicaM);
  const row = new Float64Array(out.length);
  out.fill(0);
  for (let b = 0; b < 32; b++) {
    writeIsingScalars(replicaE[b], replicaM[b], row);
    for (let i = 0; i < out.length; i++) out[i] += row[i] / 32;
  }
}

/** Unpack the spins (strip: the system; replica: copy 0) into an Int8Array of ±1. */
export function multispinSpins(st: MultispinState): Int8Array {
  const { words, spins } = st;
  if (st.layout === 'strip') {
    for (let w = 0; w < words.length; w++) for (let b = 0; b < 32; b++) spins[st.sites[w * 32 + b]] = (words[w] >>> b) & 1 ? -1 : 1;
  } else {
    for (let i = 0; i < words.length; i++) spins[i] = words[i] & 1 ? -1 : 1;
  }
  return spins;
}

/**
 * Multi-spin-coded Metropolis (32 spins per Int32 word, flips decided with bitwise logic) for
 * lattices and graphs with one coupling J and a uniform field h: the speed kernel. Acceptance
 * is exact (see bitwiseAcceptance: a bit-serial comparison with the binary digits of
 * exp(-beta dE), stopped when all 32 decisions are made, no truncation). See
 * {@link MultispinLayout} for the two packings. One sweep = one update of every spin (of every
 * copy in the replica layout).
 *
 * @example
 * const { summary } = runChains(multispinKernel, squareModel(64, 64), { beta: 0.4407 }, { sweeps: 10000, burnIn: 1000 }, { seed: 1 });
 */
export const multispinKernel: Kernel<IsingModel, MultispinState, MultispinOptions> = {
  name: 'multispin',
  init(model, options, rng) {
    checkIsingOptions(options);
    checkLayout(options.layout);
    return prepare(model, options, null, options.beta, rng);
  },
  sweep(st, rng) {
    st.info.accepted = st.layout === 'replica' ? sweepReplica(st, rng) : squareFastPath(st) ? sweepSquareStrip(st, rng) : sweepStrip(st, rng);
    st.info.attempted = st.layout === 'strip' ? st.model.size : 32 * st.model.size;
    return st.info;
  },
  save: (st) => ({ words: st.words.slice(), beta: st.beta }),
  restore(model, options, saved) {
    checkIsingOptions(options);
    const s = saved as { words: Int32Array; beta: number };
    return prepare(model, options, s.words, s.beta, null);
  },
  observables(model, options) {
    return isingObservables(model, options.beta, measure, multispinSpins, options.correlation);
  },
  energy(st) {
    if (st.layout === 'strip') return stripTotals(st)[0];
    replicaTotals(st, replicaE, replicaM);
    return replicaE.reduce((a, b) => a + b, 0);
  },
  setBeta(st, beta) {
    st.beta = beta;
    acceptanceTables(st);
  },
  configuration: multispinSpins,
  ...isingModelCodec,
};

function checkLayout(layout: string | undefined): void {
  if (layout !== undefined && layout !== 'auto' && layout !== 'strip' && layout !== 'replica') throw invalidValue('layout', layout, '"auto", "strip" or "replica"');
}
