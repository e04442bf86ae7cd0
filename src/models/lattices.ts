import { invalidValue, requireFinite, requireInteger } from '../core/errors.js';
import { type Boundary, type Coupling, IsingModel, type LatticeInfo, type LatticeShape } from './ising.js';

/** Number of dimensions of each lattice shape. */
export const LATTICE_DIMENSIONS: Record<LatticeShape, number> = { chain: 1, square: 2, triangular: 2, cubic: 3 };

/** Coordination number z of each lattice shape (bulk sites). */
export const COORDINATION: Record<LatticeShape, number> = { chain: 2, square: 4, triangular: 6, cubic: 6 };

/** Bond vectors: each bond of the lattice is (site, site + vector). */
const BOND_VECTORS: Record<LatticeShape, number[][]> = {
  chain: [[1]],
  square: [[1, 0], [0, 1]],
  // Triangular lattice drawn on a square grid with one diagonal: 6 neighbours per site.
  triangular: [[1, 0], [0, 1], [1, 1]],
  cubic: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
};

/** What a lattice model is made of: geometry, and a uniform coupling and field. */
export interface LatticeSpec {
  shape: LatticeShape;
  /** Lengths along each dimension ([N] for a chain, [Lx, Ly] for 2D, [Lx, Ly, Lz] for cubic). */
  size: number[];
  /** One boundary condition for all dimensions, or one per dimension. Default periodic. */
  boundary?: Boundary | Boundary[];
}

/** Coupling and field options shared by the lattice builders. */
export interface UniformOptions {
  /** Nearest-neighbour coupling J (default -1: ferromagnet in this sign convention). */
  coupling?: number;
  /** Uniform field h (default 0; h > 0 favours s = -1). */
  field?: number;
}

/**
 * Validate a lattice spec and fill in the per-dimension boundary conditions.
 *
 * @example
 * normalizeLattice({ shape: 'square', size: [4, 4] }).boundary; // ['periodic', 'periodic']
 */
export function normalizeLattice(spec: LatticeSpec): LatticeInfo {
  const dims = LATTICE_DIMENSIONS[spec.shape];
  if (dims === undefined) throw invalidValue('lattice.shape', spec.shape, `one of ${Object.keys(LATTICE_DIMENSIONS).join(', ')}`);
  if (!Array.isArray(spec.size) || spec.size.length !== dims) {
    throw invalidValue('lattice.size', spec.size, `${dims} positive integer${dims > 1 ? 's' : ''} for a ${spec.shape} lattice`);
  }
  spec.size.forEach((length, d) => requireInteger(`lattice.size[${d}]`, length, 1));
  const boundary = spec.boundary ?? 'periodic';
  const perDim: Boundary[] = Array.isArray(boundary) ? [...boundary] : Array.from({ length: dims }, () => boundary);
  if (perDim.length !== dims) throw invalidValue('lattice.boundary', boundary, `one boundary or ${dims} (one per dimension)`);
  perDim.forEach((b, d) => {
    if (b !== 'periodic' && b !== 'open') throw invalidValue(`lattice.boundary[${d}]`, b, '"periodic" or "open"');
    if (b === 'periodic' && spec.size[d] < 2) throw invalidValue(`lattice.size[${d}]`, spec.size[d], 'at least 2 along a periodic dimension (or boundary "open")');
  });
  const sites = spec.size.reduce((a, b) => a * b, 1);
  if (sites > 1 << 28) throw invalidValue('lattice.size', spec.size, `at most ${1 << 28} sites in all`);
  return { shape: spec.shape, size: [...spec.size], boundary: perDim };
}

/**
 * The bonds (n, m) of a lattice, each once, with site index x + Lx*(y + Ly*z).
 * A periodic dimension of size 2 yields its wrap-around bond twice (merged later by adding J).
  *
  * @example
  * latticeBonds(normalizeLattice({ shape: 'chain', size: [3], boundary: 'open' })); // [[0, 1], [1, 2]]
 */
export function latticeBonds(info: LatticeInfo): Array<[number, number]> {
  const { size, boundary } = info;
  const dims = size.length;
  const strides = size.map((_, d) => size.slice(0, d).reduce((a, b) => a * b, 1));
  const sites = size.reduce((a, b) => a * b, 1);
  const bonds: Array<[number, number]> = [];
  const coords = new Array<number>(dims).fill(0);
  for (let site = 0; site < sites; site++) {
    let rest = site;
    for (let d = 0; d < dims; d++) {
      coords[d] = rest % size[d];
      rest = Math.floor(rest / size[d]);
    }
    vectors: for (const vector of BOND_VECTORS[info.shape]) {
      let target = 0;
      for (let d = 0; d < dims; d++) {
        let c = coords[d] + vector[d];
        if (c >= size[d]) {
          if (boundary[d] === 'open') continue vectors;
          c -= size[d];
        }
        target += c * strides[d];
      }
      if (target !== site) bonds.push([site, target]);
    }
  }
  return bonds;
}

function describeLattice(info: LatticeInfo, coupling: number, field: number): string {
  const boundary = info.boundary.every((b) => b === info.boundary[0]) ? info.boundary[0] : info.boundary.join('/');
  return `${info.shape} ${info.size.join('x')} ${boundary}, J = ${coupling}${field !== 0 ? `, h = ${field}` : ''}`;
}

/**
 * Uniform Ising model on a lattice: every nearest-neighbour bond has coupling J and every site
 * field h. Energy E = h sum_n s_n + J sum_<nm> s_n s_m (ferromagnet: J < 0).
 *
 * @example
 * const torus = latticeModel({ shape: 'square', size: [16, 16] }, { coupling: -1 });
 */
export function latticeModel(spec: LatticeSpec, options: UniformOptions = {}): IsingModel {
  const info = normalizeLattice(spec);
  const coupling = requireFinite('coupling', options.coupling ?? -1);
  const field = requireFinite('field', options.field ?? 0);
  const sites = info.size.reduce((a, b) => a * b, 1);
  const couplings: Coupling[] = latticeBonds(info).map(([n, m]) => [n, m, coupling]);
  return IsingModel.fromCouplings(sites, couplings, new Float64Array(sites).fill(field), { lattice: info, description: describeLattice(info, coupling, field) });
}

/**
 * Chain of N spins (open by default; `boundary: 'periodic'` for a ring).
 *
 * @example
 * const ring = chainModel(100, { boundary: 'periodic', coupling: -1, field: 0.1 });
 */
export function chainModel(n: number, options: UniformOptions & { boundary?: Boundary } = {}): IsingModel {
  return latticeModel({ shape: 'chain', size: [n], boundary: options.boundary ?? 'open' }, options);
}

/**
 * Lx x Ly square lattice (periodic by default: a torus).
 *
 * @example
 * const torus = squareModel(16, 16, { coupling: -1 }); // J = -1: ferromagnet
 */
export function squareModel(lx: number, ly: number, options: UniformOptions & { boundary?: Boundary | Boundary[] } = {}): IsingModel {
  return latticeModel({ shape: 'square', size: [lx, ly], boundary: options.boundary }, options);
}

/**
 * Lx x Ly triangular lattice (coordination 6; periodic by default).
 *
 * @example
 * const tri = triangularModel(6, 6, { coupling: 1 }); // frustrated antiferromagnet
 */
export function triangularModel(lx: number, ly: number, options: UniformOptions & { boundary?: Boundary | Boundary[] } = {}): IsingModel {
  return latticeModel({ shape: 'triangular', size: [lx, ly], boundary: options.boundary }, options);
}

/**
 * Lx x Ly x Lz simple cubic lattice (periodic by default).
 *
 * @example
 * const cube = cubicModel(4, 4, 4); // 64 spins, 192 bonds
 */
export function cubicModel(lx: number, ly: number, lz: number, options: UniformOptions & { boundary?: Boundary | Boundary[] } = {}): IsingModel {
  return latticeModel({ shape: 'cubic', size: [lx, ly, lz], boundary: options.boundary }, options);
}

/**
 * Complete graph (Curie–Weiss model): every pair coupled with J_nm = coupling / N, so the
 * energy is extensive. E = h sum s_n + (J/N) sum_{n<m} s_n s_m; mean field is exact as N -> inf.
  *
  * @example
  * const cw = completeGraphModel(100, { coupling: -1 }); // J_nm = -1/100
 */
export function completeGraphModel(n: number, options: UniformOptions = {}): IsingModel {
  requireInteger('spins', n, 1);
  const coupling = requireFinite('coupling', options.coupling ?? -1);
  const field = requireFinite('field', options.field ?? 0);
  const couplings: Coupling[] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) couplings.push([a, b, coupling / n]);
  return IsingModel.fromCouplings(n, couplings, new Float64Array(n).fill(field), { description: `complete graph N = ${n}, J/N = ${coupling}/${n}${field !== 0 ? `, h = ${field}` : ''}` });
}
