import type { IsingModel } from '../models/ising.js';
import { meanFieldFreeEnergy, sequentialSweeps } from './mean-field.js';
import { type FixedPointOptions, type VariationalResult, fixedPointSettings, variationalResult } from './result.js';
import { type StartOptions, bestOverStarts, buildStarts } from './starts.js';

/** Options for {@link tap}: temperature, iteration settings (default damping 0.5) and starts. */
export interface TapOptions extends FixedPointOptions, StartOptions {}

/** TAP result: not a bound (the Plefka series is truncated). */
export interface TapResult extends VariationalResult {
  method: 'tap';
  bound: 'none';
  /** Which start gave the kept solution. */
  start: string;
}

/**
 * Onsager reaction sum R = sum_{n<m} J_nm^2 (1 - m_n^2)(1 - m_m^2) of the second-order Plefka
 * expansion.
 */
function reactionSum(model: IsingModel, m: Float64Array): number {
  const { offsets, neighbors, couplings } = model;
  let r = 0;
  for (let n = 0; n < model.size; n++) {
    const a = 1 - m[n] * m[n];
    for (let k = offsets[n]; k < offsets[n + 1]; k++) {
      const j = couplings[k];
      const b = 1 - m[neighbors[k]] * m[neighbors[k]];
      r += j * j * a * b;
    }
  }
  return 0.5 * r;
}

/**
 * The TAP free energy (Thouless, Anderson & Palmer 1977; as the second order of Plefka's
 * expansion, J. Phys. A 15, 1971 (1982)), in this library's sign convention:
 *
 *   G(m) = sum_n h_n m_n + sum_{n<m} J_nm m_n m_m - T sum_n H(m_n) - (beta/2) sum_{n<m} J_nm^2 (1-m_n^2)(1-m_m^2)
 *
 * and U = d(beta G)/d beta at a stationary point = E_MF(m) - beta sum_{n<m} J_nm^2 (1-m_n^2)(1-m_m^2).
 * @example tapFreeEnergy(model, tap(model, { beta: 0.5 }).magnetization, 2).freeEnergy
 */
export function tapFreeEnergy(model: IsingModel, m: Float64Array, temperature: number): { freeEnergy: number; energy: number; entropy: number } {
  const beta = 1 / temperature;
  const mf = meanFieldFreeEnergy(model, m, temperature);
  const r = reactionSum(model, m);
  const freeEnergy = mf.freeEnergy - 0.5 * beta * r;
  const energy = mf.energy - beta * r;
  return { freeEnergy, energy, entropy: beta * (energy - freeEnergy) };
}

/**
 * TAP (second-order Plefka) approximation: solves the TAP equations from several starts and keeps
 * the converged solution with the lowest TAP free energy. Not a bound (`bound: "none"`); the
 * series is exact to order beta^2 and is the leading correction to mean field for dense
 * couplings such as Sherrington–Kirkpatrick. Below the de Almeida–Thouless line, or when the
 * iteration oscillates, `converged` is false and the numbers are the last iterate.
 *
 * @example tap(sherringtonKirkpatrickModel(20, { seed: 1 }), { beta: 0.5 }).freeEnergy
 */
export function tap(model: IsingModel, options: TapOptions): TapResult {
  const settings = fixedPointSettings(options, 0.5, 1000);
  return bestOverStarts(buildStarts(model.size, options), (start) => {
    const run = sequentialSweeps(model, start.m, settings.beta, settings, 1);
    const f = tapFreeEnergy(model, start.m, settings.temperature);
    return { ...variationalResult('tap', 'none', settings, f, start.m, run), start: start.name };
  });
}
