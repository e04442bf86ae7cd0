import { CONTACT_BINS } from './contact.js';
import type { GasState } from './gas-state.js';

/** What one pass over the pairs of a configuration collects for the measurements. */
export interface PairSums {
  /** Sum over pairs inside the cutoff of the virial w(r) = -r du/dr (continuous part). */
  virial: number;
  /** Number of pairs closer than the cutoff (for the shift correction). */
  pairsInCutoff: number;
  /** Pair counts in the contact shells: CONTACT_BINS per contact window. */
  contactCounts: Float64Array;
}

/** Allocate the sums for a state (reused for every measurement). */
export function createPairSums(state: GasState): PairSums {
  return { virial: 0, pairsInCutoff: 0, contactCounts: new Float64Array(CONTACT_BINS * state.contacts.length) };
}

/**
 * One pass over every pair within the cell-list range (each pair once: j > i among the
 * neighbour cells), filling `sums`. O(N) at fixed density.
 */
export function accumulatePairSums(state: GasState, sums: PairSums): void {
  const { model, positions: pos, cells, contacts } = state;
  const pair = model.pair;
  const d = model.dimension;
  const inverse = model.box.inversePeriods;
  const length = model.box.lengths;
  const cutoff2 = pair.cutoff2;
  let lo2 = Infinity;
  let hi2 = -Infinity;
  for (const c of contacts) {
    lo2 = Math.min(lo2, c.a2);
    hi2 = Math.max(hi2, c.hi2);
  }
  let virial = 0;
  let inCutoff = 0;
  const counts = sums.contactCounts;
  counts.fill(0);
  for (let i = 0; i < model.particles; i++) {
    const cell = cells.cellOf[i];
    const oi = d * i;
    for (let q = cells.neighbourStart[cell]; q < cells.neighbourStart[cell + 1]; q++) {
      const c = cells.neighbours[q];
      const base = c * cells.capacity;
      for (let s = base; s < base + cells.count[c]; s++) {
        const j = cells.members[s];
        if (j <= i) continue;
        const oj = d * j;
        let r2 = 0;
        for (let k = 0; k < d; k++) {
          let dx = pos[oj + k] - pos[oi + k];
          dx -= length[k] * Math.floor(dx * inverse[k] + 0.5);
          r2 += dx * dx;
        }
        if (r2 < cutoff2) {
          inCutoff++;
          virial += pair.virialR2(r2);
        }
        if (r2 >= lo2 && r2 < hi2) {
          for (let w = 0; w < contacts.length; w++) {
            const window = contacts[w];
            if (r2 >= window.a2 && r2 < window.hi2) {
              const bin = Math.min(CONTACT_BINS - 1, Math.floor((Math.sqrt(r2) - window.a) / window.width));
              counts[w * CONTACT_BINS + bin] += 1;
            }
          }
        }
      }
    }
  }
  sums.virial = virial;
  sums.pairsInCutoff = inCutoff;
}

/** The impulsive pressure from the contact counts (see src/mcmc/gas/contact.ts). */
export function impulsivePressure(state: GasState, sums: PairSums): number {
  let p = 0;
  state.contacts.forEach((window, w) => {
    for (let k = 0; k < CONTACT_BINS; k++) p += window.weights[k] * sums.contactCounts[w * CONTACT_BINS + k];
  });
  return p;
}
