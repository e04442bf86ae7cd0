import { GibbsError } from '../core/errors.js';
import type { IsingModel } from '../models/ising.js';
import { type Thermodynamics, completeThermodynamics, temperaturePair } from './thermodynamics.js';

/** Largest N enumeration accepts (2^36 states is hours of work even on many cores). */
export const MAX_ENUMERATION_SPINS = 36;
/** Correlations <s_n s_m> are gathered by default up to this N (they cost O(N) per state). */
export const DEFAULT_CORRELATION_LIMIT = 24;

/**
 * Partial sums over a set of states, all shifted by a reference energy `eref` so that no weight
 * exceeds 1: weight(s) = exp(-beta (E(s) - eref)). Mergeable across chunks (and threads).
 */
export interface EnumerationSums {
  beta: number;
  spins: number;
  eref: number;
  /** sum of weights */
  z: number;
  /** sum of w (E - eref), sum of w (E - eref)^2 */
  e1: number;
  e2: number;
  /** sum of w M, w M^2, w |M| */
  m1: number;
  m2: number;
  mAbs: number;
  /** sum of w s_n (length N) */
  single: Float64Array;
  /** sum of w s_n s_m (N x N, only when correlations were requested; else length 0) */
  pair: Float64Array;
}

function rescale(sums: EnumerationSums, newRef: number): void {
  // Move the reference energy from eref to newRef < eref: weights grow by exp(beta (eref - newRef))...
  // ...which we fold into the sums by multiplying by f = exp(-beta (eref - newRef)) relative to new weights.
  const d = sums.eref - newRef;
  const f = Math.exp(-sums.beta * d);
  // With E - newRef = (E - eref) + d: shift the energy moments, then scale everything by f.
  const e2 = sums.e2 + 2 * d * sums.e1 + d * d * sums.z;
  const e1 = sums.e1 + d * sums.z;
  sums.z *= f;
  sums.e1 = e1 * f;
  sums.e2 = e2 * f;
  sums.m1 *= f;
  sums.m2 *= f;
  sums.mAbs *= f;
  for (let i = 0; i < sums.single.length; i++) sums.single[i] *= f;
  for (let i = 0; i < sums.pair.length; i++) sums.pair[i] *= f;
  sums.eref = newRef;
}

/** Merge `b` into `a` (both at the same beta). */
export function mergeEnumerationSums(a: EnumerationSums, b: EnumerationSums): EnumerationSums {
  const target = Math.min(a.eref, b.eref);
  if (a.eref !== target) rescale(a, target);
  if (b.eref !== target) rescale(b, target);
  a.z += b.z;
  a.e1 += b.e1;
  a.e2 += b.e2;
  a.m1 += b.m1;
  a.m2 += b.m2;
  a.mAbs += b.mAbs;
  for (let i = 0; i < a.single.length; i++) a.single[i] += b.single[i];
  for (let i = 0; i < a.pair.length; i++) a.pair[i] += b.pair[i];
  return a;
}

/**
 * Enumerate the 2^(N - prefixBits) states whose top `prefixBits` spins (indices N-prefixBits..N-1)
 * are fixed by the bits of `prefix` (bit set = spin -1). The free spins are visited in Gray-code
 * order, so each step flips one spin and updates energy and local fields in O(degree).
 * This is the unit of work that threads share: chunks with different prefixes are disjoint.
 */
export function enumerateChunk(model: IsingModel, beta: number, prefix: number, prefixBits: number, correlations: boolean): EnumerationSums {
  const n = model.size;
  const free = n - prefixBits;
  const { offsets, neighbors, couplings } = model;
  const s = new Int8Array(n).fill(1);
  for (let b = 0; b < prefixBits; b++) if ((prefix / 2 ** b) & 1) s[free + b] = -1;
  const local = new Float64Array(n);
  for (let i = 0; i < n; i++) local[i] = model.localField(s, i);
  let energy = model.energy(s);
  let m = model.magnetization(s);

  const sums: EnumerationSums = {
    beta, spins: n, eref: energy, z: 0, e1: 0, e2: 0, m1: 0, m2: 0, mAbs: 0,
    single: new Float64Array(n), pair: new Float64Array(correlations ? n * n : 0),
  };
  // "Time since last change" bookkeeping: a product of spins is constant between flips, so its
  // weighted sum only needs updating when one of its spins flips (O(N) per step, not O(N^2)).
  const lastSingle = new Float64Array(n);
  const lastPair = new Float64Array(correlations ? n * n : 0);
  let cumulative = 0;

  const total = 2 ** free;
  for (let step = 0; step < total; step++) {
    if (step > 0) {
      const k = step < 4294967296 ? 31 - Math.clz32(step & -step) : lowestSetBit(step);
      const sk = s[k];
      // Close the running sums of every product that contains spin k before it flips.
      sums.single[k] += sk * (cumulative - lastSingle[k]);
      lastSingle[k] = cumulative;
      if (correlations) {
        // The pair (j, k) lives at index min*n + max: below k in column k, above k in row k.
        for (let j = 0; j < k; j++) {
          const a = j * n + k;
          sums.pair[a] += sk * s[j] * (cumulative - lastPair[a]);
          lastPair[a] = cumulative;
        }
        for (let j = k + 1; j < n; j++) {
          const a = k * n + j;
          sums.pair[a] += sk * s[j] * (cumulative - lastPair[a]);
          lastPair[a] = cumulative;
        }
      }
      energy -= 2 * sk * local[k];
      m -= 2 * sk;
      s[k] = -sk;
      const delta = -2 * sk;
      for (let q = offsets[k]; q < offsets[k + 1]; q++) local[neighbors[q]] += couplings[q] * delta;
    }
    if (energy < sums.eref) {
      // New lowest energy: move the reference so weights stay <= 1; the bookkeeping totals move too.
      const f = Math.exp(-beta * (sums.eref - energy));
      rescale(sums, energy);
      cumulative *= f;
      for (let i = 0; i < n; i++) lastSingle[i] *= f;
      for (let i = 0; i < lastPair.length; i++) lastPair[i] *= f;
    }
    const shifted = energy - sums.eref;
    const w = Math.exp(-beta * shifted);
    sums.z += w;
    sums.e1 += w * shifted;
    sums.e2 += w * shifted * shifted;
    sums.m1 += w * m;
    sums.m2 += w * m * m;
    sums.mAbs += w * (m < 0 ? -m : m);
    cumulative += w;
  }
  // Close every open product.
  for (let i = 0; i < n; i++) sums.single[i] += s[i] * (cumulative - lastSingle[i]);
  if (correlations) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) sums.pair[i * n + j] += s[i] * s[j] * (cumulative - lastPair[i * n + j]);
    }
  }
  return sums;
}

function lowestSetBit(x: number): number {
  let k = 0;
  while (Math.floor(x / 2 ** k) % 2 === 0) k++;
  return k;
}

/** Turn summed weights into thermodynamics. */
export function enumerationResult(sums: EnumerationSums, temperature: number): Thermodynamics {
  const { beta, z, spins: n } = sums;
  const e1 = sums.e1 / z;
  const variance = Math.max(0, sums.e2 / z - e1 * e1);
  const magnetization = sums.m1 / z;
  const magnetizationSquared = sums.m2 / z;
  const spinMeans = sums.single.map((x) => x / z);
  let correlations: Float64Array | undefined;
  if (sums.pair.length) {
    correlations = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      correlations[i * n + i] = 1;
      for (let j = i + 1; j < n; j++) {
        const v = sums.pair[i * n + j] / z;
        correlations[i * n + j] = v;
        correlations[j * n + i] = v;
      }
    }
  }
  return completeThermodynamics({
    method: 'enumeration', temperature, beta, spins: n,
    logZ: Math.log(z) - beta * sums.eref,
    energy: sums.eref + e1,
    heatCapacity: beta * beta * variance,
    magnetization,
    absMagnetization: sums.mAbs / z,
    magnetizationSquared,
    susceptibility: beta * Math.max(0, magnetizationSquared - magnetization * magnetization),
    spinMeans,
    correlations,
  });
}

/** Options for {@link enumerate}. */
export interface EnumerationOptions {
  temperature?: number;
  beta?: number;
  /** Gather <s_n s_m> (default: when N <= 24). */
  correlations?: boolean;
}

/** Refuse models too large to enumerate, naming the alternatives. */
export function checkEnumerable(model: IsingModel): void {
  if (model.size > MAX_ENUMERATION_SPINS) {
    throw new GibbsError(`enumeration: ${model.size} spins is beyond the limit of ${MAX_ENUMERATION_SPINS} (2^N states); use --method transfer-matrix for chains and strips, torus for square tori, onsager for the infinite lattice, or Monte Carlo / variational estimates`, 'method');
  }
}

/**
 * Exact thermodynamics of any Ising model by summing over all 2^N states (single thread; the
 * CLI splits the same chunks across worker threads). Returns log Z, F, U, S, C, <M>, <|M|>,
 * chi, every <s_n> and (by default for N <= 24) every <s_n s_m>.
 *
 * @example
 * const t = enumerate(squareModel(4, 4), { temperature: 2.269 });
 * t.heatCapacity / t.spins; // specific heat per spin
 */
export function enumerate(model: IsingModel, options: EnumerationOptions): Thermodynamics {
  checkEnumerable(model);
  const { temperature, beta } = temperaturePair(options);
  const correlations = options.correlations ?? model.size <= DEFAULT_CORRELATION_LIMIT;
  return enumerationResult(enumerateChunk(model, beta, 0, 0, correlations), temperature);
}
