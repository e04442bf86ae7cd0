import { GibbsError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { CellList } from './cell-list.js';
import type { GasModel } from './gas-model.js';

/** How a chain starts: a lattice (fcc in 3D, square in 2D) or random positions without overlaps. */
export type StartKind = 'lattice' | 'random';

/**
 * Lattice start: an fcc lattice in 3D (4 sites per cubic cell) or a square lattice in 2D,
 * with as many cells per axis as needed for N sites in the box (or reference region) and the
 * sites offset by a quarter spacing from the faces. When the lattice has more sites than
 * particles, the vacancies are spread evenly. Deterministic.
 *
 * @example latticePositions(model) // Float64Array of N * d coordinates, x0 y0 z0 x1 ...
 */
export function latticePositions(model: GasModel): Float64Array {
  const { dimension: d, particles: n, box } = model;
  const basis = d === 3 ? [[0, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0.5]] : [[0, 0]];
  const spacing = ((basis.length * box.volume) / n) ** (1 / d);
  const cells = Array.from(box.lengths, (l) => Math.max(1, Math.round(l / spacing)));
  const sites = () => basis.length * cells.reduce((p, c) => p * c, 1);
  while (sites() < n) {
    let widest = 0;
    for (let k = 1; k < d; k++) if (box.lengths[k] / cells[k] > box.lengths[widest] / cells[widest]) widest = k;
    cells[widest] += 1;
  }
  const total = sites();
  const out = new Float64Array(n * d);
  const cell = new Array<number>(d).fill(0);
  for (let p = 0; p < n; p++) {
    // Spread vacancies: particle p takes site floor(p * total / n).
    let site = Math.floor((p * total) / n);
    const b = site % basis.length;
    site = Math.floor(site / basis.length);
    for (let k = 0; k < d; k++) {
      cell[k] = site % cells[k];
      site = Math.floor(site / cells[k]);
      const a = box.lengths[k] / cells[k];
      out[p * d + k] = (cell[k] + basis[b][k] + 0.25) * a;
    }
  }
  return out;
}

/**
 * Random start: particles placed one by one uniformly in the box (or reference region), each
 * trial rejected while it comes closer than the potential's overlap distance to a particle
 * already placed (random sequential insertion, checked with a cell list so it stays O(N)).
 * For hard spheres this yields an overlap-free configuration up to packing fractions of
 * about 0.3; denser systems need the lattice start, and the error says so.
 *
 * @example randomPositions(model, Rng.fromSeed(1))
 */
export function randomPositions(model: GasModel, rng: Rng, maxAttemptsPerParticle = 10_000): Float64Array {
  const { dimension: d, particles: n, box } = model;
  const out = new Float64Array(n * d);
  const minDistance = model.pair.overlapDistance;
  const min2 = minDistance * minDistance;
  const cells = minDistance > 0 ? new CellList(box, minDistance, n) : null;
  const trial = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    let placed = false;
    for (let attempt = 0; attempt < maxAttemptsPerParticle && !placed; attempt++) {
      for (let k = 0; k < d; k++) trial[k] = rng.nextDouble() * box.lengths[k];
      if (cells === null) {
        placed = true;
        break;
      }
      const c = cells.cellIndex(trial[0], trial[1], trial[2]);
      let clear = true;
      for (let q = cells.neighbourStart[c]; q < cells.neighbourStart[c + 1] && clear; q++) {
        const cc = cells.neighbours[q];
        const base = cc * cells.capacity;
        for (let s = 0; s < cells.count[cc]; s++) {
          if (box.distanceSquared(trial, 0, out, cells.members[base + s] * d) < min2) {
            clear = false;
            break;
          }
        }
      }
      if (clear) placed = true;
    }
    if (!placed) {
      throw new GibbsError(
        `--start random: could not place particle ${i + 1} of ${n} without overlap after ${maxAttemptsPerParticle} attempts (packing fraction ${+model.packingFraction.toPrecision(3)}); use --start lattice`,
        '--start',
      );
    }
    for (let k = 0; k < d; k++) out[i * d + k] = trial[k];
    cells?.insert(i, cells.cellIndex(trial[0], trial[1], trial[2]), trial, 0);
  }
  return out;
}
