import type { GasState } from './gas-state.js';
import { particleEnergy } from './particle-energy.js';

/**
 * Widom test-particle insertion (B. Widom, J. Chem. Phys. 39, 2808, 1963): the excess chemical
 * potential of a homogeneous fluid is
 *
 *   mu_ex = -T log < exp(-dU / T) >,
 *
 * the average over configurations and over uniformly random positions of a ghost particle's
 * energy dU with all N particles. This returns the mean Boltzmann factor of `insertions` ghost
 * positions drawn from the state's measurement generator (never the chain's, so measuring does
 * not change the chain). With the tail correction on, dU is the untruncated potential's
 * (the shift of every pair inside the cutoff added back); the tail itself, 2 u_tail, is added
 * to mu_ex by the caller.
 */
export function widomWeight(state: GasState, insertions: number): number {
  const { model, cells, measureRng: rng } = state;
  const { lengths } = model.box;
  const d = model.dimension;
  const beta = state.beta;
  const shift = model.tailCorrection ? model.pair.shift : 0;
  let sum = 0;
  for (let t = 0; t < insertions; t++) {
    const x = rng.nextDouble() * lengths[0];
    const y = rng.nextDouble() * lengths[1];
    const z = d === 3 ? rng.nextDouble() * lengths[2] : 0;
    const cell = cells.cellIndex(x, y, z);
    // self = -1: no particle is skipped (the ghost is not one of them).
    let dU = particleEnergy(state, -1, x, y, z, cell);
    if (dU === Infinity) continue;
    if (shift !== 0) dU += shift * neighboursInCutoff(state, x, y, z, cell);
    sum += Math.exp(-beta * dU);
  }
  return sum / insertions;
}

/** Number of particles closer than the cutoff to the point (x, y, z). */
function neighboursInCutoff(state: GasState, x: number, y: number, z: number, cell: number): number {
  const { model, positions: pos, cells } = state;
  const d = model.dimension;
  const point = [x, y, z];
  const cutoff2 = model.pair.cutoff2;
  let count = 0;
  for (let q = cells.neighbourStart[cell]; q < cells.neighbourStart[cell + 1]; q++) {
    const c = cells.neighbours[q];
    for (let s = c * cells.capacity; s < c * cells.capacity + cells.count[c]; s++) {
      if (model.box.distanceSquared(point, 0, pos, d * cells.members[s]) < cutoff2) count++;
    }
  }
  return count;
}
