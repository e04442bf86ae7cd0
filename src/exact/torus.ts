import { invalidValue } from '../core/errors.js';
import type { IsingModel } from '../models/ising.js';
import { kaufmanLogZ } from './kaufman.js';
import { onsager } from './onsager.js';
import { uniformSquareLattice } from './square-lattice.js';
import { type Thermodynamics, completeThermodynamics, temperaturePair } from './thermodynamics.js';

/** A square torus in zero field that Kaufman's formula solves: sides n, m and coupling J. */
export interface KaufmanTorus {
  n: number;
  m: number;
  coupling: number;
}

/**
 * Whether Kaufman's formula applies: a uniform square lattice, periodic both ways, zero field,
 * and either a ferromagnet (J <= 0) or an antiferromagnet on even sides (bipartite: flipping one
 * sublattice maps J to -J and leaves Z unchanged).
 *
 * @example kaufmanTorusOf(squareModel(16, 16)); // { n: 16, m: 16, coupling: -1 }
 */
export function kaufmanTorusOf(model: IsingModel): KaufmanTorus | { reason: string } {
  const lattice = uniformSquareLattice(model);
  if ('reason' in lattice) return lattice;
  if (lattice.boundary[0] !== 'periodic' || lattice.boundary[1] !== 'periodic') return { reason: 'not periodic both ways' };
  if (lattice.field !== 0) return { reason: `field h = ${lattice.field} (Kaufman's formula needs h = 0)` };
  const [n, m] = lattice.size;
  if (lattice.coupling > 0 && (n % 2 || m % 2)) return { reason: `antiferromagnet (J > 0) on an odd side (${n}x${m}) is frustrated; the formula needs even sides` };
  return { n, m, coupling: lattice.coupling };
}

/** Options for {@link kaufmanTorus}. */
export interface TorusOptions {
  temperature?: number;
  beta?: number;
}

/**
 * Exact thermodynamics of the Ising model on an L x M square torus in zero field (Kaufman 1949,
 * see {@link kaufmanLogZ}): log Z, F, U = -|J| d log Z/dK, S, C = K^2 d^2 log Z/dK^2 with
 * K = beta |J|, all from analytic derivatives; <M> = 0 by symmetry. <|M|> and chi are not
 * available from the formula and are omitted. Accurate to rounding for any size (L = 1024
 * included) and at T_c.
 *
 * @example
 * const t = kaufmanTorus(squareModel(16, 16, { coupling: -1 }), { temperature: 2.269 });
 * t.heatCapacity / t.spins;
 */
export function kaufmanTorus(model: IsingModel, options: TorusOptions): Thermodynamics {
  const { temperature, beta } = temperaturePair(options);
  const torus = kaufmanTorusOf(model);
  if ('reason' in torus) throw invalidValue('torus', model.description, `a square torus in zero field (${torus.reason})`);
  const j = Math.abs(torus.coupling);
  const sites = torus.n * torus.m;
  const base = { method: 'torus' as const, temperature, beta, spins: sites, magnetization: 0, note: `Kaufman's formula, ${torus.n}x${torus.m} torus` };
  if (j === 0) return completeThermodynamics({ ...base, logZ: sites * Math.LN2, energy: 0, heatCapacity: 0 });
  const k = beta * j;
  const { logZ, d1, d2 } = kaufmanLogZ(torus.n, torus.m, k);
  return completeThermodynamics({ ...base, logZ, energy: -j * d1, heatCapacity: k * k * d2 });
}

/**
 * Onsager's infinite-lattice values (per site) for a square-lattice model with uniform coupling
 * and zero field, whatever its size and boundaries: the thermodynamic limit of that family.
 *
 * @example onsagerFor(squareModel(16, 16), { temperature: 2 }).energy; // u per site of the infinite lattice
 */
export function onsagerFor(model: IsingModel, options: TorusOptions): Thermodynamics {
  const reason = onsagerReason(model);
  if (reason) throw invalidValue('onsager', model.description, `a square lattice with uniform coupling in zero field (${reason})`);
  return onsager((uniformSquareLattice(model) as { coupling: number }).coupling, options);
}

/**
 * Why Onsager's solution does not describe this model's family, or undefined when it does.
 *
 * @example
 * onsagerReason(squareModel(8, 8, { field: 0.1 })); // 'field h = 0.1 (Onsager's solution needs h = 0)'
 */
export function onsagerReason(model: IsingModel): string | undefined {
  const lattice = uniformSquareLattice(model);
  if ('reason' in lattice) return lattice.reason;
  if (lattice.field !== 0) return `field h = ${lattice.field} (Onsager's solution needs h = 0)`;
  return undefined;
}
