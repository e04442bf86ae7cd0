import { GibbsError } from '../core/errors.js';
import type { IsingModel } from '../models/ising.js';
import { type EnumerationSums, addBlock, completeSpinFlip, emptySums, enumerationResult, mergeEnumerationSums, rescaleSums } from './enumeration-sums.js';
import { type FactorizedPlan, enumerateChunkFactorized, factorizedApplies, factorizedBlockSize, factorizedPlan } from './enumerate-factorized.js';
import { type Thermodynamics, temperaturePair } from './thermodynamics.js';

export { type EnumerationSums, enumerationResult, mergeEnumerationSums } from './enumeration-sums.js';

/** Largest N enumeration accepts (2^36 states is hours of work even on many cores). */
export const MAX_ENUMERATION_SPINS = 36;
/** Correlations <s_n s_m> are gathered by default up to this N (they cost O(N) per state). */
export const DEFAULT_CORRELATION_LIMIT = 24;
/** Gray-code steps per summation block of the plain kernel (sums are merged per block). */
const PLAIN_BLOCK_BITS = 12;

/** What a chunk gathers besides log Z, E and M moments. */
export interface ChunkOptions {
  /** sum w s_n for every spin */
  spinMeans: boolean;
  /** sum w s_n s_m for every pair (forces the plain kernel) */
  correlations: boolean;
}

/** Local fields and energy from scratch (the plain kernel refreshes them every block to stop drift). */
function refreshFields(model: IsingModel, s: Int8Array, local: Float64Array): number {
  for (let i = 0; i < model.size; i++) local[i] = model.localField(s, i);
  return model.energy(s);
}

/**
 * The energy quantum of a model whose fields and couplings are all integer multiples of one
 * number u (lattices, +-J glasses): every energy difference is then k u with an integer k in a
 * small range, so Boltzmann weights can come from an exact table exp(-beta u k) instead of one
 * exp per state. Undefined when no such u exists or the range exceeds 2^20.
 *
 * @example energyUnit(squareModel(4, 4, { coupling: -1, field: 0.5 })); // 0.5
 */
export function energyUnit(model: IsingModel): number | undefined {
  let unit = Infinity;
  for (const v of model.couplings) if (v !== 0) unit = Math.min(unit, Math.abs(v));
  for (const v of model.fields) if (v !== 0) unit = Math.min(unit, Math.abs(v));
  if (!Number.isFinite(unit)) return undefined;
  const isMultiple = (v: number) => Math.abs(v / unit - Math.round(v / unit)) < 1e-9;
  for (const v of model.couplings) if (!isMultiple(v)) return undefined;
  for (const v of model.fields) if (!isMultiple(v)) return undefined;
  return (2 * model.energyBound()) / unit <= 2 ** 20 ? unit : undefined;
}

function lowestSetBit(x: number): number {
  return x < 4294967296 ? 31 - Math.clz32(x & -x) : 32 + lowestSetBit(Math.floor(x / 4294967296));
}

/**
 * Plain Gray-code enumeration of one chunk: each step flips one spin and updates energy,
 * magnetisation and local fields in O(degree). Moments are gathered per block of 2^12 states
 * by weighted Welford updates and blocks are merged stably, so neither summation error nor
 * <E^2> - <E>^2 cancellation grows with 2^N. Spin sums use "time since last flip"
 * bookkeeping (a product of spins only changes when one of its spins flips), so <s_n> costs
 * O(1) and <s_n s_m> O(N) per state.
  *
  * @example
  * enumerationResult(enumerateChunkPlain(model, 0.5, 0, 0, { spinMeans: true, correlations: true }), 2);
 */
export function enumerateChunkPlain(model: IsingModel, beta: number, prefix: number, prefixBits: number, options: ChunkOptions): EnumerationSums {
  const n = model.size;
  const free = n - prefixBits;
  const { offsets, neighbors, couplings } = model;
  const { correlations } = options;
  const spinSums = options.spinMeans || correlations;
  const s = new Int8Array(n).fill(1);
  for (let k = 0; k < prefixBits; k++) if (Math.floor(prefix / 2 ** k) & 1) s[free + k] = -1;
  const local = new Float64Array(n);
  let energy = refreshFields(model, s, local);
  let m = model.magnetization(s);

  const sums = emptySums(beta, n, options.spinMeans, correlations);
  sums.eref = energy;
  let eref = energy;
  // Quantised energies: weights from an exact table (no exp, no drift) indexed by (E - eref)/u.
  const unit = energyUnit(model);
  const inverseUnit = unit === undefined ? 0 : 1 / unit;
  const table = unit === undefined ? new Float64Array(0) : Float64Array.from({ length: Math.round((2 * model.energyBound()) / unit) + 2 }, (_, k) => Math.exp(-beta * unit * k));
  const blockBits = Math.min(PLAIN_BLOCK_BITS, free);
  const blockSize = 2 ** blockBits;
  const blocks = 2 ** (free - blockBits);
  const single = new Float64Array(spinSums ? n : 0);
  const lastSingle = new Float64Array(spinSums ? n : 0);
  const pair = new Float64Array(correlations ? n * n : 0);
  const lastPair = new Float64Array(correlations ? n * n : 0);

  for (let block = 0; block < blocks; block++) {
    if (block > 0) {
      // Flip the block's Gray-code spin and recompute energy and local fields from scratch (no drift).
      const k = blockBits + lowestSetBit(block);
      m -= 2 * s[k];
      s[k] = -s[k];
      energy = refreshFields(model, s, local);
    }
    // Weighted Welford updates within the block (exact centring, one division per state);
    // blocks are merged with Chan's formula, so summation error does not grow with 2^N.
    let z = 0;
    let eMean = 0;
    let eM2 = 0;
    let mMean = 0;
    let mM2 = 0;
    let aMean = 0;
    let cumulative = 0;
    for (let step = 0; step < blockSize; step++) {
      if (step > 0) {
        const k = 31 - Math.clz32(step & -step);
        const sk = s[k];
        if (spinSums) {
          single[k] += sk * (cumulative - lastSingle[k]);
          lastSingle[k] = cumulative;
          if (correlations) {
            // The pair (j, k) lives at min*n + max: column k above the diagonal, row k after it.
            for (let j = 0; j < k; j++) {
              const a = j * n + k;
              pair[a] += sk * s[j] * (cumulative - lastPair[a]);
              lastPair[a] = cumulative;
            }
            for (let j = k + 1; j < n; j++) {
              const a = k * n + j;
              pair[a] += sk * s[j] * (cumulative - lastPair[a]);
              lastPair[a] = cumulative;
            }
          }
        }
        energy -= 2 * sk * local[k];
        m -= 2 * sk;
        s[k] = -sk;
        const delta = -2 * sk;
        const end = offsets[k + 1];
        for (let q = offsets[k]; q < end; q++) local[neighbors[q]] += couplings[q] * delta;
      }
      if (energy < eref) {
        // New lowest energy: move the reference so weights stay <= 1; everything gathered so far shrinks.
        const f = Math.exp(-beta * (eref - energy));
        rescaleSums(sums, energy);
        eref = energy;
        z *= f;
        eM2 *= f;
        mM2 *= f;
        cumulative *= f;
        for (let i = 0; i < single.length; i++) {
          single[i] *= f;
          lastSingle[i] *= f;
        }
        for (let i = 0; i < pair.length; i++) {
          pair[i] *= f;
          lastPair[i] *= f;
        }
      }
      const w = unit === undefined ? Math.exp(-beta * (energy - eref)) : table[Math.round((energy - eref) * inverseUnit)];
      cumulative += w;
      if (w > 0) {
        z += w;
        const r = w / z;
        const de = energy - eMean;
        eMean += de * r;
        eM2 += w * de * (energy - eMean);
        const dm = m - mMean;
        mMean += dm * r;
        mM2 += w * dm * (m - mMean);
        aMean += ((m < 0 ? -m : m) - aMean) * r;
      }
    }
    if (z > 0) addBlock(sums, sums.eref, z, eMean, eM2, mMean, mM2, aMean);
    // Close every open spin product and move the block's spin sums into the chunk's.
    if (spinSums) {
      for (let i = 0; i < n; i++) {
        sums.single[i] += single[i] + s[i] * (cumulative - lastSingle[i]);
        single[i] = 0;
        lastSingle[i] = 0;
      }
    }
    if (correlations) {
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const a = i * n + j;
          sums.pair[a] += pair[a] + s[i] * s[j] * (cumulative - lastPair[a]);
          pair[a] = 0;
          lastPair[a] = 0;
        }
      }
    }
  }
  return sums;
}

// Plans are pure functions of the model; keep the last one so the chunks of one run share it.
let cachedPlan: { model: IsingModel; b: number; plan: FactorizedPlan } | undefined;

function planFor(model: IsingModel, b: number): FactorizedPlan {
  if (cachedPlan?.model !== model || cachedPlan.b !== b) cachedPlan = { model, b, plan: factorizedPlan(model, b) };
  return cachedPlan.plan;
}

/**
 * Enumerate the 2^(N - prefixBits) states whose top `prefixBits` spins (indices N-prefixBits..N-1)
 * are fixed by the bits of `prefix` (bit set = spin -1). Chunks with different prefixes are
 * disjoint, so threads can share them. Uses the factorised kernel when it applies (enough free
 * spins, no correlations, beta not extreme) and the plain Gray-code kernel otherwise; both give
 * the same sums to rounding.
  *
  * @example
  * const sums = [0, 1].map((p) => enumerateChunk(model, 1, p, 1, { spinMeans: false, correlations: false }));
 */
export function enumerateChunk(model: IsingModel, beta: number, prefix: number, prefixBits: number, options: ChunkOptions): EnumerationSums {
  const b = factorizedBlockSize(model.size - prefixBits);
  if (b > 0 && !options.correlations) {
    const plan = planFor(model, b);
    if (factorizedApplies(plan, beta)) return enumerateChunkFactorized(model, plan, beta, prefix, prefixBits, options.spinMeans);
  }
  return enumerateChunkPlain(model, beta, prefix, prefixBits, options);
}

/**
 * How the 2^N states are cut into chunks: the top `prefixBits` spins are fixed by each prefix.
 * In zero field, E(-s) = E(s), so only prefixes with s_{N-1} = +1 are enumerated and the sums
 * are completed by {@link completeSpinFlip} (half the work).
 */
export interface ChunkLayout {
  prefixBits: number;
  prefixes: number[];
  spinFlip: boolean;
}

/**
 * Chunk layout for a model: up to 2^`chunkBits` chunks, each keeping >= 16 free spins.
 *
 * @example
 * chunkLayout(squareModel(5, 5), 6); // { prefixBits: 6, prefixes: [0..31], spinFlip: true }
 */
export function chunkLayout(model: IsingModel, chunkBits: number): ChunkLayout {
  let zeroField = true;
  for (let i = 0; i < model.size; i++) if (model.fields[i] !== 0) zeroField = false;
  const spinFlip = zeroField && model.size > 1;
  const split = Math.max(0, Math.min(model.size - 16, chunkBits));
  const prefixBits = spinFlip ? Math.max(split, 1) : split;
  // With spin-flip symmetry the top prefix bit (spin N-1) stays 0, i.e. s_{N-1} = +1.
  const count = spinFlip ? 2 ** (prefixBits - 1) : 2 ** prefixBits;
  return { prefixBits, prefixes: Array.from({ length: count }, (_, p) => p), spinFlip };
}

/**
 * Merge the chunk sums of a layout (in prefix order) into thermodynamics.
 *
 * @example
 * finishEnumeration(layout.prefixes.map((p) => enumerateChunk(model, 1, p, layout.prefixBits, options)), layout, 1);
 */
export function finishEnumeration(chunks: EnumerationSums[], layout: ChunkLayout, temperature: number): Thermodynamics {
  const sums = chunks.reduce(mergeEnumerationSums);
  return enumerationResult(layout.spinFlip ? completeSpinFlip(sums) : sums, temperature);
}

/** Options for {@link enumerate}. */
export interface EnumerationOptions {
  temperature?: number;
  beta?: number;
  /** Gather <s_n> (default true). */
  spinMeans?: boolean;
  /** Gather <s_n s_m> (default: when N <= 24). */
  correlations?: boolean;
}

/**
 * Refuse models too large to enumerate, naming the alternatives.
 *
 * @example
 * checkEnumerable(squareModel(7, 7)); // throws: 49 spins is beyond the limit of 36
 */
export function checkEnumerable(model: IsingModel): void {
  if (model.size > MAX_ENUMERATION_SPINS) {
    throw new GibbsError(`enumeration: ${model.size} spins is beyond the limit of ${MAX_ENUMERATION_SPINS} (2^N states); use --method transfer-matrix for chains and strips, torus for square tori, onsager for the infinite lattice, or Monte Carlo / variational estimates`, 'method');
  }
}

/**
 * Exact thermodynamics of any Ising model by summing over all 2^N states (single thread; the
 * CLI splits the same chunks across worker threads). Returns log Z, F, U, S, C, <M>, <|M|>,
 * chi, every <s_n> and (by default for N <= 24) every <s_n s_m>. N <= 36.
 *
 * @example
 * const t = enumerate(squareModel(4, 4), { temperature: 2.269 });
 * t.heatCapacity / t.spins; // specific heat per spin
 */
export function enumerate(model: IsingModel, options: EnumerationOptions): Thermodynamics {
  checkEnumerable(model);
  const { temperature, beta } = temperaturePair(options);
  const correlations = options.correlations ?? model.size <= DEFAULT_CORRELATION_LIMIT;
  const layout = chunkLayout(model, 0);
  const chunk = { spinMeans: options.spinMeans ?? true, correlations };
  return finishEnumeration(layout.prefixes.map((p) => enumerateChunk(model, beta, p, layout.prefixBits, chunk)), layout, temperature);
}
