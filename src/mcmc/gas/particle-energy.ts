import type { GasState } from './gas-state.js';

// The neighbour loops of the displacement sampler: the energy of one particle with the others
// through the cell list, in the variants the geometry allows (image-shifted cells in 2D and 3D,
// minimum images for tiny boxes), and the one-pass energy change of a move inside its cell.
// In 3D, Lennard-Jones runs in WebAssembly when available (wasm-lennard-jones.ts); the
// JavaScript loops here are the reference those reproduce bit for bit.

/**
 * Energy of a particle placed at (x, y, z), in cell `cell`, with every particle stored in the
 * cell list except the one in flat slot `self` (the particle being moved; -1 for a ghost).
 * Returns +Infinity on a hard-core overlap as soon as one is found. This is the hot loop of
 * the sampler: it streams through the cells' coordinate copies, uses image-shifted neighbour
 * cells (no minimum-image branches) and inlines Lennard-Jones.
 */
export function particleEnergy(state: GasState, self: number, x: number, y: number, z: number, cell: number): number {
  const cells = state.cells;
  const pair = state.model.pair;
  if (state.lennardJonesWasm !== null) return state.lennardJonesWasm.energy(self, x, y, z, cell);
  if (!cells.shifted) return particleEnergyMinimumImage(state, self, x, y, z, cell);
  if (state.model.dimension === 3) return shiftedEnergy3(state, self, x, y, z, cell);
  const coords = cells.coords;
  const capacity = cells.capacity;
  const count = cells.count;
  const neighbours = cells.neighbours;
  const shifts = cells.neighbourShifts;
  const cutoff2 = pair.cutoff2;
  const core2 = pair.hardCore2;
  const end = cells.neighbourStart[cell + 1];
  const skip = 2 * self;
  let e = 0;
  for (let q = cells.neighbourStart[cell]; q < end; q++) {
    const c = neighbours[q];
    const sx = shifts[3 * q] - x;
    const sy = shifts[3 * q + 1] - y;
    const base = 2 * c * capacity;
    const stop = base + 2 * count[c];
    for (let s = base; s < stop; s += 2) {
      if (s === skip) continue;
      const dx = coords[s] + sx;
      const dy = coords[s + 1] + sy;
      const r2 = dx * dx + dy * dy;
      if (r2 < cutoff2) {
        if (r2 < core2) return Infinity;
        e += pair.energyR2(r2);
      }
    }
  }
  return e;
}

/**
 * 3D with image-shifted cells. Lennard-Jones is inlined (the benchmark's loop); other kinds go
 * through `energyR2`. The kind test sits inside the cutoff branch and never changes within a
 * call, so it costs a well-predicted branch on the ~15% of candidates inside the cutoff.
 */
function shiftedEnergy3(state: GasState, self: number, x: number, y: number, z: number, cell: number): number {
  const cells = state.cells;
  const pair = state.model.pair;
  const lennardJones = pair.isLennardJones;
  const coefficients = pair.ljCoefficients;
  const a = coefficients[0];
  const b = coefficients[1];
  const shift = coefficients[2];
  const cutoff2 = pair.cutoff2;
  const core2 = pair.hardCore2;
  const coords = cells.coords;
  const capacity3 = 3 * cells.capacity;
  const count = cells.count;
  const neighbours = cells.neighbours;
  const shifts = cells.neighbourShifts;
  const end = cells.neighbourStart[cell + 1];
  const skip = 3 * self;
  let e = 0;
  for (let q = cells.neighbourStart[cell]; q < end; q++) {
    const c = neighbours[q];
    const sx = shifts[3 * q] - x;
    const sy = shifts[3 * q + 1] - y;
    const sz = shifts[3 * q + 2] - z;
    const base = c * capacity3;
    const stop = base + 3 * count[c];
    for (let s = base; s < stop; s += 3) {
      const dx = coords[s] + sx;
      const dy = coords[s + 1] + sy;
      const dz = coords[s + 2] + sz;
      const r2 = dx * dx + dy * dy + dz * dz;
      if (r2 < cutoff2 && s !== skip) {
        if (lennardJones) {
          const inverse = 1 / r2;
          const s3 = inverse * inverse * inverse;
          e += s3 * (a * s3 - b) - shift;
        } else {
          if (r2 < core2) return Infinity;
          e += pair.energyR2(r2);
        }
      }
    }
  }
  return e;
}

/**
 * Energy change of a Lennard-Jones-type particle (no hard core) moved from (ox, oy, oz) to
 * (x, y, z) within the same cell of a 3D image-shifted grid: one pass over the neighbours
 * computes both distances from each coordinate load (most moves stay in their cell).
 * Returns E(new) - E(old).
 */
export function sameCellEnergyChange3(state: GasState, self: number, ox: number, oy: number, oz: number, x: number, y: number, z: number, cell: number): number {
  if (state.lennardJonesWasm !== null) return state.lennardJonesWasm.change(self, ox, oy, oz, x, y, z, cell);
  const cells = state.cells;
  const pair = state.model.pair;
  const lennardJones = pair.isLennardJones;
  const coefficients = pair.ljCoefficients;
  const a = coefficients[0];
  const b = coefficients[1];
  const cutoff2 = pair.cutoff2;
  const coords = cells.coords;
  const capacity3 = 3 * cells.capacity;
  const count = cells.count;
  const neighbours = cells.neighbours;
  const shifts = cells.neighbourShifts;
  const end = cells.neighbourStart[cell + 1];
  const skip = 3 * self;
  // The shift constant cancels between old and new pairs except when one side is inside the
  // cutoff and the other is not: count those with signs.
  const shift = coefficients[2];
  let delta = 0;
  for (let q = cells.neighbourStart[cell]; q < end; q++) {
    const c = neighbours[q];
    const sx = shifts[3 * q];
    const sy = shifts[3 * q + 1];
    const sz = shifts[3 * q + 2];
    const nx = sx - x;
    const ny = sy - y;
    const nz = sz - z;
    const px = sx - ox;
    const py = sy - oy;
    const pz = sz - oz;
    const base = c * capacity3;
    const stop = base + 3 * count[c];
    for (let s = base; s < stop; s += 3) {
      const cx = coords[s];
      const cy = coords[s + 1];
      const cz = coords[s + 2];
      const dx = cx + nx;
      const dy = cy + ny;
      const dz = cz + nz;
      const r2 = dx * dx + dy * dy + dz * dz;
      const ex = cx + px;
      const ey = cy + py;
      const ez = cz + pz;
      const q2 = ex * ex + ey * ey + ez * ez;
      if (r2 < cutoff2 && s !== skip) {
        if (lennardJones) {
          const inverse = 1 / r2;
          const s3 = inverse * inverse * inverse;
          delta += s3 * (a * s3 - b) - shift;
        } else delta += pair.energyR2(r2);
      }
      if (q2 < cutoff2 && s !== skip) {
        if (lennardJones) {
          const inverse = 1 / q2;
          const s3 = inverse * inverse * inverse;
          delta -= s3 * (a * s3 - b) - shift;
        } else delta -= pair.energyR2(q2);
      }
    }
  }
  return delta;
}

/**
 * {@link particleEnergy} for grids with fewer than 3 cells along a periodic axis (small boxes):
 * minimum images, computed without branches as dx - L floor(dx / L + 1/2) (a rounding
 * instruction; unpredictable compare-and-wrap branches cost twice as much here).
 */
function particleEnergyMinimumImage(state: GasState, self: number, x: number, y: number, z: number, cell: number): number {
  const { cells, model } = state;
  const pair = model.pair;
  const d = model.dimension;
  const length = model.box.lengths;
  const inverse = model.box.inversePeriods;
  const lx = length[0];
  const ly = length[1];
  const lz = d === 3 ? length[2] : 0;
  const ix = inverse[0];
  const iy = inverse[1];
  const iz = d === 3 ? inverse[2] : 0;
  const cutoff2 = pair.cutoff2;
  const core2 = pair.hardCore2;
  const coords = cells.coords;
  const capacity = cells.capacity;
  const skip = d * self;
  let e = 0;
  for (let q = cells.neighbourStart[cell]; q < cells.neighbourStart[cell + 1]; q++) {
    const c = cells.neighbours[q];
    const base = d * c * capacity;
    const stop = base + d * cells.count[c];
    for (let s = base; s < stop; s += d) {
      let dx = coords[s] - x;
      dx -= lx * Math.floor(dx * ix + 0.5);
      let dy = coords[s + 1] - y;
      dy -= ly * Math.floor(dy * iy + 0.5);
      let r2 = dx * dx + dy * dy;
      if (d === 3) {
        let dz = coords[s + 2] - z;
        dz -= lz * Math.floor(dz * iz + 0.5);
        r2 += dz * dz;
      }
      if (r2 < cutoff2 && s !== skip) {
        if (r2 < core2) return Infinity;
        e += pair.energyR2(r2);
      }
    }
  }
  return e;
}

