import { invalidValue } from '../core/errors.js';

/** The exact methods the library offers. */
export type ExactMethod = 'enumeration' | 'transfer-matrix' | 'torus' | 'onsager';

/**
 * Exact thermodynamics at one temperature (k_B = 1, natural logs). All extensive quantities
 * are totals over the N spins; divide by `spins` (or use {@link perSpin}) for per-spin values.
 *
 * - logZ: log of the partition function Z = sum_s exp(-beta E(s))
 * - freeEnergy F = -T log Z, energy U = <E>, entropy S = beta (U - F)
 * - heatCapacity C = dU/dT = beta^2 Var(E)
 * - magnetization <M> with M = sum_n s_n, absMagnetization <|M|>, susceptibility chi = beta Var(M)
 */
export interface Thermodynamics {
  method: ExactMethod;
  temperature: number;
  beta: number;
  /** Number of spins N (Infinity-free: per-site results such as Onsager use spins = 1). */
  spins: number;
  logZ: number;
  freeEnergy: number;
  energy: number;
  entropy: number;
  heatCapacity: number;
  magnetization?: number;
  absMagnetization?: number;
  magnetizationSquared?: number;
  susceptibility?: number;
  /** <s_n> for every spin (enumeration only). */
  spinMeans?: Float64Array;
  /** <s_n s_m> as an N x N row-major matrix (enumeration only, when requested). */
  correlations?: Float64Array;
  /** How the result was obtained, e.g. "strip W = 8, periodic along: all 256 eigenvalues". */
  note?: string;
  /** Critical temperature of the infinite lattice (Onsager only). */
  criticalTemperature?: number;
  /** Spontaneous magnetisation per site of the infinite lattice, Yang's m_0 (Onsager only; staggered for J > 0). */
  spontaneousMagnetization?: number;
}

/**
 * Resolve (temperature | beta) into both, validated: T > 0 and finite.
 *
 * @example
 * temperaturePair({ temperature: 2 }); // { temperature: 2, beta: 0.5 }
 */
export function temperaturePair(options: { temperature?: number; beta?: number }): { temperature: number; beta: number } {
  const { temperature, beta } = options;
  if (temperature !== undefined && beta !== undefined) throw invalidValue('temperature', temperature, 'either temperature or beta, not both');
  if (temperature !== undefined) {
    if (!Number.isFinite(temperature) || temperature <= 0) throw invalidValue('temperature', temperature, 'a finite number > 0');
    return { temperature, beta: 1 / temperature };
  }
  if (beta !== undefined) {
    if (!Number.isFinite(beta) || beta <= 0) throw invalidValue('beta', beta, 'a finite number > 0');
    return { temperature: 1 / beta, beta };
  }
  throw invalidValue('temperature', undefined, 'a temperature T > 0 or an inverse temperature beta > 0');
}

/**
 * Fill in F and S from log Z and U.
 *
 * @example
 * completeThermodynamics({ method: 'enumeration', temperature: 1, beta: 1, spins: 1, logZ: Math.LN2, energy: 0, heatCapacity: 0 }).entropy; // log 2
 */
export function completeThermodynamics(base: Omit<Thermodynamics, 'freeEnergy' | 'entropy'>): Thermodynamics {
  return {
    ...base,
    freeEnergy: -base.logZ / base.beta,
    entropy: base.logZ + base.beta * base.energy,
  };
}

/**
 * Per-spin values of the extensive quantities (logZ, F, U, S, C, M, |M|, chi), as plain numbers.
 *
 * @example
 * perSpin(enumerate(squareModel(4, 4), { temperature: 2 })).energy; // U / N
 */
export function perSpin(t: Thermodynamics): Record<string, number | undefined> {
  const n = t.spins;
  return {
    logZ: t.logZ / n,
    freeEnergy: t.freeEnergy / n,
    energy: t.energy / n,
    entropy: t.entropy / n,
    heatCapacity: t.heatCapacity / n,
    magnetization: t.magnetization === undefined ? undefined : t.magnetization / n,
    absMagnetization: t.absMagnetization === undefined ? undefined : t.absMagnetization / n,
    susceptibility: t.susceptibility === undefined ? undefined : t.susceptibility / n,
  };
}
