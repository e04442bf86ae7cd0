import type { Boundary, IsingModel } from '../models/ising.js';

/** A model recognised as a uniform square lattice: every bond J, every field h. */
export interface UniformSquareLattice {
  size: [number, number];
  boundary: [Boundary, Boundary];
  /** J of every nearest-neighbour bond (a periodic side of length 2 has its two bonds merged: 2J in the model). */
  coupling: number;
  field: number;
}

/**
 * Whether the model's CSR adjacency is exactly the square lattice with these sizes and boundary
 * conditions and every bond J (2J where a periodic side of length 2 merges two bonds). O(N).
 */
function matchesLattice(model: IsingModel, lx: number, ly: number, periodic: [boolean, boolean], coupling: number): boolean {
  const expected = new Map<number, number>();
  for (let y = 0; y < ly; y++) {
    for (let x = 0; x < lx; x++) {
      const site = x + lx * y;
      expected.clear();
      const add = (nx: number, ny: number) => {
        const m = nx + lx * ny;
        if (m !== site) expected.set(m, (expected.get(m) ?? 0) + coupling);
      };
      if (x + 1 < lx || periodic[0]) add((x + 1) % lx, y);
      if (x > 0 || periodic[0]) add((x - 1 + lx) % lx, y);
      if (y + 1 < ly || periodic[1]) add(x, (y + 1) % ly);
      if (y > 0 || periodic[1]) add(x, (y - 1 + ly) % ly);
      if (model.degree(site) !== expected.size) return false;
      for (let q = model.offsets[site]; q < model.offsets[site + 1]; q++) {
        if (expected.get(model.neighbors[q]) !== model.couplings[q]) return false;
      }
    }
  }
  return true;
}

/**
 * Recognise a uniform square-lattice model (as built by `latticeModel` / a lattice model file):
 * returns its geometry, coupling and field, or the reason it is not one. The model is
 * checked bond by bond against the recognised parameters, so nothing else can slip through.
 *
 * @example
 * uniformSquareLattice(squareModel(8, 8, { coupling: -1 })); // { size: [8, 8], coupling: -1, ... }
 */
export function uniformSquareLattice(model: IsingModel): UniformSquareLattice | { reason: string } {
  const lattice = model.lattice;
  if (!lattice || lattice.shape !== 'square') return { reason: 'not a square lattice' };
  const field = model.uniformField();
  if (field === undefined) return { reason: 'fields differ between sites' };
  const size: [number, number] = [lattice.size[0], lattice.size[1]];
  const boundary: [Boundary, Boundary] = [lattice.boundary[0], lattice.boundary[1]];
  if (model.couplings.length === 0) return { size, boundary, coupling: 0, field };
  // Bonds are J, or 2J along a periodic side of length 2: try both readings of the first bond.
  const first = model.couplings[0];
  const periodic: [boolean, boolean] = [boundary[0] === 'periodic', boundary[1] === 'periodic'];
  for (const coupling of [first, first / 2]) {
    if (matchesLattice(model, size[0], size[1], periodic, coupling)) return { size, boundary, coupling, field };
  }
  return { reason: 'couplings differ between bonds' };
}
