import { CompensatedSum } from '../core/numerics.js';
import type { MomentPart } from './mixture.js';
import type { Strip } from './strip.js';

/** Log Z with energy and magnetisation moments of a strip. */
export interface StripMoments {
  energy: MomentPart;
  magnetization: MomentPart;
}

/**
 * Exact thermodynamics of a strip that is open along its length, by the site-by-site (sparse)
 * transfer matrix: the state is the "front" of the last `width` spins added (bits 0..i-1 from
 * the current row, i..W-1 from the previous one). Adding the spin at column i replaces bit i and
 * couples it to the old bit i (the spin above), bit i-1 (its left neighbour) and, at the end of a
 * periodic row, bit 0. So a site costs O(2^W) and a row O(W 2^W), instead of O(4^W) for a
 * dense row-to-row matrix.
 *
 * For every front state we keep the weight of all histories ending in it and the conditional
 * mean and variance of E and M; merging the two histories that differ in the replaced spin uses
 * var = p va + q vb + p q (ma - mb)^2, so C = beta^2 Var(E) and chi = beta Var(M) are exact with
 * no <E^2> - <E>^2 cancellation. Weights are renormalised every site (the factor goes to log Z)
 * and means and variances are re-centred every row (offsets summed with compensation).
 *
 * @example
 * stripSweep({ width: 4, length: 100, acrossPeriodic: true, alongPeriodic: false, coupling: -1, field: 0.1 }, 0.4);
 */
export function stripSweep(strip: Strip, beta: number): StripMoments {
  const { width, length, acrossPeriodic, coupling: j, field: h } = strip;
  if (strip.alongPeriodic) throw new Error('stripSweep: the strip must be open along its length');
  const size = 2 ** width;
  const w = new Float64Array(size);
  const re = new Float64Array(size);
  const ve = new Float64Array(size);
  const rm = new Float64Array(size);
  const vm = new Float64Array(size);
  w[0] = 1; // a virtual row of + spins, uncoupled (the first row has nothing above it)
  const logScale = new CompensatedSum();
  const energyOffset = new CompensatedSum();
  const energyVarOffset = new CompensatedSum();
  const magOffset = new CompensatedSum();
  const magVarOffset = new CompensatedSum();
  // Step tables indexed [sOld][sNew][neighbour sum + 2]: weight and energy of the new spin.
  const table = new Float64Array(20);
  const stepEnergy = new Float64Array(20);
  let norm = 1; // 1 / (largest weight after the previous site), folded into the next tables
  for (let row = 0; row < length; row++) {
    const jv = row === 0 ? 0 : j;
    let maxIndex = 0;
    for (let i = 0; i < width; i++) {
      // Largest exponent of this site's table, factored out so no entry exceeds 1.
      let shift = -Infinity;
      for (let a = 0; a < 2; a++) {
        for (let b = 0; b < 2; b++) {
          for (let nsum = -2; nsum <= 2; nsum++) {
            const sOld = a ? -1 : 1;
            const sNew = b ? -1 : 1;
            const e = jv * sOld * sNew + j * sNew * nsum + h * sNew;
            stepEnergy[a * 10 + b * 5 + nsum + 2] = e;
            if (-beta * e > shift) shift = -beta * e;
          }
        }
      }
      for (let t = 0; t < 20; t++) table[t] = Math.exp(-beta * stepEnergy[t] - shift) * norm;
      logScale.add(shift - Math.log(norm));
      const bit = 2 ** i;
      const wrap = acrossPeriodic && i === width - 1 && width > 1;
      let max = 0;
      for (let high = 0; high < size; high += 2 * bit) {
        for (let low = 0; low < bit; low++) {
          const x0 = high + low;
          const x1 = x0 + bit;
          // Sum of the in-row neighbours of the new spin: left (bit i-1) and, closing a periodic row, bit 0.
          let nsum = 0;
          if (i > 0) nsum += (x0 >> (i - 1)) & 1 ? -1 : 1;
          if (wrap) nsum += x0 & 1 ? -1 : 1;
          const k = nsum + 2;
          const w0 = w[x0];
          const w1 = w[x1];
          const r0 = re[x0];
          const r1 = re[x1];
          const q0 = ve[x0];
          const q1 = ve[x1];
          const m0 = rm[x0];
          const m1 = rm[x1];
          const u0 = vm[x0];
          const u1 = vm[x1];
          const dm = m0 - m1;
          // New spin +1 (stored at x0): from old + (x0) or old - (x1).
          let a = w0 * table[k];
          let b = w1 * table[10 + k];
          let total = a + b;
          let p = total > 0 ? a / total : 1;
          let q = total > 0 ? b / total : 0;
          let ea = r0 + stepEnergy[k];
          let eb = r1 + stepEnergy[10 + k];
          let de = ea - eb;
          w[x0] = total;
          re[x0] = p * ea + q * eb;
          ve[x0] = p * q0 + q * q1 + p * q * de * de;
          rm[x0] = p * m0 + q * m1 + 1;
          vm[x0] = p * u0 + q * u1 + p * q * dm * dm;
          if (total > max) {
            max = total;
            maxIndex = x0;
          }
          // New spin -1 (stored at x1).
          a = w0 * table[5 + k];
          b = w1 * table[15 + k];
          total = a + b;
          p = total > 0 ? a / total : 1;
          q = total > 0 ? b / total : 0;
          ea = r0 + stepEnergy[5 + k];
          eb = r1 + stepEnergy[15 + k];
          de = ea - eb;
          w[x1] = total;
          re[x1] = p * ea + q * eb;
          ve[x1] = p * q0 + q * q1 + p * q * de * de;
          rm[x1] = p * m0 + q * m1 - 1;
          vm[x1] = p * u0 + q * u1 + p * q * dm * dm;
          if (total > max) {
            max = total;
            maxIndex = x1;
          }
        }
      }
      norm = 1 / max;
    }
    // Re-centre: move the heaviest state's mean and variance into the compensated offsets.
    const oe = re[maxIndex];
    const ov = ve[maxIndex];
    const om = rm[maxIndex];
    const ou = vm[maxIndex];
    energyOffset.add(oe);
    energyVarOffset.add(ov);
    magOffset.add(om);
    magVarOffset.add(ou);
    for (let x = 0; x < size; x++) {
      re[x] -= oe;
      ve[x] -= ov;
      rm[x] -= om;
      vm[x] -= ou;
    }
  }
  // Mix over the final front: log Z, and the law of total variance.
  let total = 0;
  let meanE = 0;
  let meanM = 0;
  for (let x = 0; x < size; x++) {
    total += w[x];
    meanE += w[x] * re[x];
    meanM += w[x] * rm[x];
  }
  meanE /= total;
  meanM /= total;
  let varE = 0;
  let varM = 0;
  for (let x = 0; x < size; x++) {
    const p = w[x] / total;
    varE += p * (ve[x] + (re[x] - meanE) ** 2);
    varM += p * (vm[x] + (rm[x] - meanM) ** 2);
  }
  const logZ = logScale.value + Math.log(total);
  return {
    energy: { logWeight: logZ, mean: energyOffset.value + meanE, variance: energyVarOffset.value + varE },
    magnetization: { logWeight: logZ, mean: magOffset.value + meanM, variance: magVarOffset.value + varM },
  };
}
