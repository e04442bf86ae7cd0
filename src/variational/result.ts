import { invalidValue } from '../core/errors.js';
import { temperaturePair } from '../exact/thermodynamics.js';
import type { IsingModel } from '../models/ising.js';

/** The variational methods the library offers. */
export type VariationalMethod = 'mean-field' | 'tap' | 'bethe' | 'autoregressive';

/**
 * Which way a variational free energy points: `upper` means F_approx >= F (so -beta F_approx is a
 * lower bound on log Z); `none` means no guarantee (TAP, Bethe).
 */
export type BoundDirection = 'upper' | 'none';

/**
 * One variational result at one temperature (k_B = 1, natural logs; totals over the N spins).
 *
 * - freeEnergy: the method's free energy F_approx (for mean field and the autoregressive network,
 *   F_q = E_q[E] - T H[q] >= F by Gibbs–Bogoliubov), logZ = -beta freeEnergy
 * - energy: the method's internal energy U, entropy S = beta (U - F)
 * - magnetization: <s_n> per site under the approximation
 * - converged / iterations: whether the fixed-point iteration (or training) met its tolerance;
 *   a result with `converged: false` is the last iterate, reported as such, not a solution.
 */
export interface VariationalResult {
  method: VariationalMethod;
  temperature: number;
  beta: number;
  spins: number;
  freeEnergy: number;
  bound: BoundDirection;
  logZ: number;
  energy: number;
  entropy: number;
  magnetization: Float64Array;
  converged: boolean;
  iterations: number;
}

/** Options shared by the fixed-point methods (mean field, TAP, Bethe). */
export interface FixedPointOptions {
  temperature?: number;
  beta?: number;
  /** Damping d in [0, 1): new = (1 - d) update + d old. Default 0.5 (TAP, Bethe) or 0 (mean field). */
  damping?: number;
  /** Stop when the largest change of a magnetisation (or message) in a sweep is below this. Default 1e-10. */
  tolerance?: number;
  /** Cap on sweeps per start. Default 10000 for mean field (cheap, and frustrated models settle slowly), 1000 for TAP and Bethe. */
  maxIterations?: number;
}

/** Validated fixed-point settings. */
export interface FixedPointSettings {
  temperature: number;
  beta: number;
  damping: number;
  tolerance: number;
  maxIterations: number;
}

/** Check the shared options and fill in defaults. */
export function fixedPointSettings(options: FixedPointOptions, defaultDamping: number, defaultMaxIterations: number): FixedPointSettings {
  const { temperature, beta } = temperaturePair(options);
  const damping = options.damping ?? defaultDamping;
  if (!(damping >= 0 && damping < 1)) throw invalidValue('damping', damping, 'a number in [0, 1)');
  const tolerance = options.tolerance ?? 1e-10;
  if (!(tolerance > 0 && Number.isFinite(tolerance))) throw invalidValue('tolerance', tolerance, 'a finite number > 0');
  const maxIterations = options.maxIterations ?? defaultMaxIterations;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw invalidValue('maxIterations', maxIterations, 'an integer >= 1');
  return { temperature, beta, damping, tolerance, maxIterations };
}

/**
 * Mean energy of a product state with magnetisations m: sum_n h_n m_n + sum_{n<m} J_nm m_n m_m.
 * @example productStateEnergy(chainModel(3, { coupling: -1, boundary: 'open' }), Float64Array.of(1, 1, 1)); // -2
 */
export function productStateEnergy(model: IsingModel, m: Float64Array): number {
  const { fields, offsets, neighbors, couplings } = model;
  let field = 0;
  let pair = 0;
  for (let n = 0; n < model.size; n++) {
    field += fields[n] * m[n];
    let local = 0;
    for (let k = offsets[n]; k < offsets[n + 1]; k++) local += couplings[k] * m[neighbors[k]];
    pair += m[n] * local;
  }
  return field + 0.5 * pair;
}

/**
 * Entropy of one spin with mean m = <s> in [-1, 1]: -sum_s p log p with p(±1) = (1 ± m)/2
 * (0 log 0 = 0).
 * @example spinEntropy(0); // log 2 (an unbiased spin)
 */
export function spinEntropy(m: number): number {
  const p = 0.5 * (1 + m);
  const q = 0.5 * (1 - m);
  return (p > 0 ? -p * Math.log(p) : 0) + (q > 0 ? -q * Math.log(q) : 0);
}

/** Assemble the common fields of a result from a free energy, energy and entropy at one temperature. */
export function variationalResult<M extends VariationalMethod, B extends BoundDirection>(
  method: M,
  bound: B,
  settings: { temperature: number; beta: number },
  thermo: { freeEnergy: number; energy: number; entropy: number },
  magnetization: Float64Array,
  run: { converged: boolean; iterations: number },
): VariationalResult & { method: M; bound: B } {
  const { temperature, beta } = settings;
  return {
    method, temperature, beta, spins: magnetization.length,
    freeEnergy: thermo.freeEnergy, bound, logZ: -beta * thermo.freeEnergy, energy: thermo.energy, entropy: thermo.entropy,
    magnetization, converged: run.converged, iterations: run.iterations,
  };
}
