import type { IsingModel } from '../models/ising.js';
import { type EnumerationSums, addBlock, emptySums } from './enumeration-sums.js';

/**
 * Factorised enumeration ("inner block" kernel).
 *
 * Split the free spins of a chunk into an inner block of b spins (indices 0..b-1, itself split
 * into an a-half of ha spins and a c-half of hc spins) and outer spins b..free-1 visited in
 * Gray-code order. For a fixed outer state, with g_i = sum_outer J_io s_o the field the outer
 * spins put on inner spin i,
 *
 *   E(x) = E_out + E_in(x) + sum_{i in a} g_i s_i + sum_{i in c} g_i s_i,
 *
 * so every inner weight is a product of three table entries,
 *
 *   exp(-beta (E - ref)) = T[x] * Pa[a] * Pc[c],  T = exp(-beta (E_in - min E_in)),
 *
 * where Pa, Pc (2^ha and 2^hc entries) are rebuilt per outer state from 2b exponentials.
 * All 2^b inner states then cost a multiply and three multiply-adds each: no exp, no local
 * field update. The c-half is ordered by its number of down spins, so magnetisation
 * histograms need no per-state indexing. Every outer state yields a block summary (weight,
 * centred energy moments, magnetisation histogram) merged stably into the chunk's sums.
 *
 * Weights are referenced to the bound ref = E_out + min E_in - sum |g_i| <= every energy of the
 * block. The heaviest inner state has E - ref <= max E_in - min E_in (align the inner spins with
 * g), so when beta (max E_in - min E_in) <= 600 the block's largest weight is >= e^-600 and
 * nothing that matters underflows; otherwise callers use the plain Gray-code kernel.
 */

/** Largest beta * (inner energy range) for which the factorised kernel is used. */
export const FACTORIZED_EXPONENT_LIMIT = 600;

/** β-independent tables for one model and inner block size, shared by all chunks. */
export interface FactorizedPlan {
  b: number;
  ha: number;
  hc: number;
  /** c values sorted by number of down spins; classStart[k]..classStart[k+1] have k down spins */
  cOrder: Int32Array;
  classStart: Int32Array;
  /** E_in(a, cOrder[j]) - min E_in, row-major [a * 2^hc + j] */
  innerEnergy: Float64Array;
  innerMin: number;
  innerRange: number;
  /** number of down spins in a */
  downA: Int32Array;
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v; v &= v - 1) c++;
  return c;
}

/**
 * Inner block size used for an N-spin chunk with `free` enumerated spins (0: use the plain kernel).
 *
 * @example
 * factorizedBlockSize(24); // 12 inner spins
 */
export function factorizedBlockSize(free: number): number {
  return free >= 16 ? 12 : 0;
}

/**
 * Build the β-independent tables for inner block size b.
 *
 * @example
 * const plan = factorizedPlan(sherringtonKirkpatrickModel(20, { seed: 1 }), 12);
 */
export function factorizedPlan(model: IsingModel, b: number): FactorizedPlan {
  const ha = Math.floor(b / 2) - 2; // 4 + 8 for b = 12: long inner loops over the c-half
  const hc = b - ha;
  const A = 1 << ha;
  const C = 1 << hc;
  const cValues = Array.from({ length: C }, (_, c) => c);
  cValues.sort((x, y) => popcount(x) - popcount(y) || x - y);
  const cOrder = Int32Array.from(cValues);
  const classStart = new Int32Array(hc + 2);
  for (let c = 0; c < C; c++) classStart[popcount(c) + 1]++;
  for (let k = 0; k <= hc; k++) classStart[k + 1] += classStart[k];
  // Inner energies from scratch: fields and inner-inner couplings only.
  const { offsets, neighbors, couplings, fields } = model;
  const natural = new Float64Array(1 << b);
  const s = new Int8Array(b);
  let min = Infinity;
  let max = -Infinity;
  for (let x = 0; x < 1 << b; x++) {
    for (let i = 0; i < b; i++) s[i] = (x >> i) & 1 ? -1 : 1;
    let e = 0;
    for (let i = 0; i < b; i++) {
      e += fields[i] * s[i];
      for (let q = offsets[i]; q < offsets[i + 1]; q++) {
        const j = neighbors[q];
        if (j > i && j < b) e += couplings[q] * s[i] * s[j];
      }
    }
    natural[x] = e;
    if (e < min) min = e;
    if (e > max) max = e;
  }
  const innerEnergy = new Float64Array(1 << b);
  for (let a = 0; a < A; a++) for (let j = 0; j < C; j++) innerEnergy[a * C + j] = natural[a + (cOrder[j] << ha)] - min;
  return { b, ha, hc, cOrder, classStart, innerEnergy, innerMin: min, innerRange: max - min, downA: Int32Array.from({ length: A }, (_, a) => popcount(a)) };
}

/**
 * Whether the factorised kernel is safe at this beta (see the module comment).
 *
 * @example
 * factorizedApplies(plan, 1); // true unless beta is extreme
 */
export function factorizedApplies(plan: FactorizedPlan, beta: number): boolean {
  return beta * plan.innerRange <= FACTORIZED_EXPONENT_LIMIT;
}

/**
 * Fill g-dependent tables for one half: shifted field energies G[x] = sum_i (g_i s_i + |g_i|) >= 0
 * and weights P[x] = exp(-beta G[x]), by doubling (sums of non-negative terms, exact products).
 */
function halfTables(g: Float64Array, first: number, count: number, beta: number, G: Float64Array, P: Float64Array): void {
  G[0] = 0;
  P[0] = 1;
  for (let i = 0; i < count; i++) {
    const gi = g[first + i];
    const abs = gi < 0 ? -gi : gi;
    const up = gi + abs; // s_i = +1
    const down = abs - gi; // s_i = -1
    const pUp = Math.exp(-beta * up);
    const pDown = Math.exp(-beta * down);
    const half = 1 << i;
    for (let x = 0; x < half; x++) {
      G[x + half] = G[x] + down;
      P[x + half] = P[x] * pDown;
      G[x] += up;
      P[x] *= pUp;
    }
  }
}

/**
 * Enumerate the chunk whose top `prefixBits` spins are fixed by `prefix` (bit set = spin -1)
 * with the factorised kernel. `spinMeans` also gathers sum w s_n (a second, lighter pass: sum_a Pa T).
  *
  * @example
  * enumerateChunkFactorized(model, factorizedPlan(model, 12), 1, 0, 2, false); // chunk with spins N-2, N-1 = +1
 */
export function enumerateChunkFactorized(model: IsingModel, plan: FactorizedPlan, beta: number, prefix: number, prefixBits: number, spinMeans: boolean): EnumerationSums {
  const n = model.size;
  const free = n - prefixBits;
  const { b, ha, hc, cOrder, classStart, innerEnergy, downA } = plan;
  const A = 1 << ha;
  const C = 1 << hc;
  const { offsets, neighbors, couplings, fields } = model;
  const sums = emptySums(beta, n, spinMeans, false);

  // Outer state: spins b..n-1 (prefix spins fixed), their energy, local fields from outer spins
  // only, and the fields g_i they put on inner spins.
  const s = new Int8Array(n).fill(1);
  for (let k = 0; k < prefixBits; k++) if (Math.floor(prefix / 2 ** k) & 1) s[free + k] = -1;
  const g = new Float64Array(b);
  const local = new Float64Array(n);
  let outerEnergy = 0;
  let outerMag = 0;
  for (let o = b; o < n; o++) {
    let lf = fields[o];
    for (let q = offsets[o]; q < offsets[o + 1]; q++) {
      const m = neighbors[q];
      if (m >= b) lf += couplings[q] * s[m];
      else g[m] += couplings[q] * s[o];
    }
    local[o] = lf;
    outerEnergy += s[o] * (fields[o] + lf) * 0.5;
    outerMag += s[o];
  }

  const T = new Float64Array(1 << b);
  for (let y = 0; y < T.length; y++) T[y] = Math.exp(-beta * innerEnergy[y]);
  const GaS = new Float64Array(A);
  const Pa = new Float64Array(A);
  const GcNat = new Float64Array(C);
  const PcNat = new Float64Array(C);
  const GcS = new Float64Array(C);
  const Pc = new Float64Array(C);
  const hist = new Float64Array(b + 1);
  const rowW = new Float64Array(spinMeans ? A : 0);
  const colW = new Float64Array(spinMeans ? C : 0);
  let center = 0;

  const steps = 2 ** (free - b);
  for (let step = 0; step < steps; step++) {
    if (step > 0) {
      // Gray code over the outer spins: flip spin b + (index of the lowest set bit of step).
      const k = b + 31 - Math.clz32(step & -step);
      const sk = s[k];
      outerEnergy -= 2 * sk * local[k];
      outerMag -= 2 * sk;
      s[k] = -sk;
      const delta = -2 * sk;
      for (let q = offsets[k]; q < offsets[k + 1]; q++) {
        const m = neighbors[q];
        if (m >= b) local[m] += couplings[q] * delta;
        else g[m] += couplings[q] * delta;
      }
    }
    halfTables(g, 0, ha, beta, GaS, Pa);
    halfTables(g, ha, hc, beta, GcNat, PcNat);
    let absG = 0;
    for (let i = 0; i < b; i++) absG += g[i] < 0 ? -g[i] : g[i];
    for (let j = 0; j < C; j++) {
      GcS[j] = GcNat[cOrder[j]];
      Pc[j] = PcNat[cOrder[j]];
    }
    // The first block runs twice: once to find where its energies lie (the centre for the
    // moments), then for real. Later blocks are centred on the previous block's mean.
    let zb = 0;
    let s1b = 0;
    let s2b = 0;
    for (let pass = step === 0 ? 0 : 1; pass < 2; pass++) {
      if (pass === 1 && step === 0) center += s1b / zb;
      hist.fill(0);
      if (spinMeans) colW.fill(0);
      zb = 0;
      s1b = 0;
      s2b = 0;
      for (let a = 0; a < A; a++) {
        const pa = Pa[a];
        const gac = GaS[a] - center;
        const base = a * C;
        const da = downA[a];
        let rz = 0;
        let s1 = 0;
        let s2 = 0;
        for (let k = 0; k <= hc; k++) {
          let cz = 0;
          const end = classStart[k + 1];
          for (let j = classStart[k]; j < end; j++) {
            const t = T[base + j] * Pc[j];
            const e = innerEnergy[base + j] + GcS[j] + gac;
            cz += t;
            s1 += t * e;
            s2 += t * e * e;
          }
          hist[da + k] += pa * cz;
          rz += cz;
        }
        if (spinMeans) {
          // Column sums sum_a Pa[a] T[a, j] (times Pc[j] below) give the c-half spin sums.
          rowW[a] = pa * rz;
          for (let j = 0; j < C; j++) colW[j] += pa * T[base + j];
        }
        zb += pa * rz;
        s1b += pa * s1;
        s2b += pa * s2;
      }
    }
    // Block summary relative to ref = E_out + min E_in - sum|g|; energies shifted by `center`.
    const ref = outerEnergy + plan.innerMin - absG;
    const meanShift = s1b / zb;
    const energyM2 = Math.max(0, s2b - s1b * meanShift);
    center += meanShift;
    let magMean = 0;
    for (let d = 0; d <= b; d++) magMean += hist[d] * (outerMag + b - 2 * d);
    magMean /= zb;
    let magM2 = 0;
    let absMag = 0;
    for (let d = 0; d <= b; d++) {
      const mag = outerMag + b - 2 * d;
      magM2 += hist[d] * (mag - magMean) * (mag - magMean);
      absMag += hist[d] * (mag < 0 ? -mag : mag);
    }
    const f = addBlock(sums, ref, zb, ref + center, energyM2, magMean, magM2, absMag / zb);
    if (spinMeans) {
      const single = sums.single;
      const scaled = f * zb;
      for (let o = b; o < n; o++) single[o] += scaled * s[o];
      for (let a = 0; a < A; a++) {
        const w = f * rowW[a];
        for (let i = 0; i < ha; i++) single[i] += (a >> i) & 1 ? -w : w;
      }
      for (let j = 0; j < C; j++) {
        const w = f * colW[j] * Pc[j];
        const c = cOrder[j];
        for (let i = 0; i < hc; i++) single[ha + i] += (c >> i) & 1 ? -w : w;
      }
    }
  }
  return sums;
}
