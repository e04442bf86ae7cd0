import { requireFinite, requireInteger } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { type Coupling, IsingModel } from './ising.js';
import { type LatticeSpec, latticeBonds, normalizeLattice } from './lattices.js';

/** Options for disordered models: the seed fixes the instance. */
export interface DisorderOptions {
  /** Seed of the disorder (same seed, same couplings). */
  seed: number;
  /** Uniform field h (default 0). */
  field?: number;
}

/**
 * Sherrington–Kirkpatrick spin glass: every pair coupled with J_nm ~ Normal(0, scale^2 / N),
 * drawn from `seed`. The thermodynamic limit has T_c = scale (spin-glass transition).
 *
 * @example const sk = sherringtonKirkpatrickModel(20, { seed: 1 });
 */
export function sherringtonKirkpatrickModel(n: number, options: DisorderOptions & { scale?: number }): IsingModel {
  requireInteger('spins', n, 2);
  const seed = requireInteger('seed', options.seed, 0);
  const scale = requireFinite('scale', options.scale ?? 1);
  const field = requireFinite('field', options.field ?? 0);
  const rng = Rng.fromSeed(seed);
  const sigma = scale / Math.sqrt(n);
  const couplings: Coupling[] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) couplings.push([a, b, sigma * rng.normal()]);
  return IsingModel.fromCouplings(n, couplings, new Float64Array(n).fill(field), { description: `SK N = ${n}, seed ${seed}, J ~ N(0, ${scale}^2/N)${field !== 0 ? `, h = ${field}` : ''}` });
}

/**
 * Edwards–Anderson ±J spin glass on a lattice: each bond J = +coupling or -coupling with equal
 * probability, drawn from `seed`.
  *
  * @example
  * const glass = edwardsAndersonModel({ shape: 'square', size: [8, 8] }, { seed: 3 }); // J = +-1 on each bond
 */
export function edwardsAndersonModel(spec: LatticeSpec, options: DisorderOptions & { coupling?: number }): IsingModel {
  const info = normalizeLattice(spec);
  const seed = requireInteger('seed', options.seed, 0);
  const magnitude = Math.abs(requireFinite('coupling', options.coupling ?? 1));
  const field = requireFinite('field', options.field ?? 0);
  const rng = Rng.fromSeed(seed);
  const sites = info.size.reduce((a, b) => a * b, 1);
  const couplings: Coupling[] = latticeBonds(info).map(([n, m]) => [n, m, rng.nextInt32() < 0 ? -magnitude : magnitude]);
  return IsingModel.fromCouplings(sites, couplings, new Float64Array(sites).fill(field), {
    lattice: info,
    description: `Edwards–Anderson ±${magnitude} on ${info.shape} ${info.size.join('x')}, seed ${seed}`,
  });
}
