import type { IsingModel } from '../models/ising.js';
import { type FixedPointOptions, type VariationalResult, spinEntropy, fixedPointSettings, productStateEnergy, variationalResult } from './result.js';
import { type StartOptions, bestOverStarts, buildStarts } from './starts.js';

/** Options for {@link meanField}: temperature, iteration settings and starting points. */
export interface MeanFieldOptions extends FixedPointOptions, StartOptions {}

/** Naive mean-field result: the best of several starts. */
export interface MeanFieldResult extends VariationalResult {
  method: 'mean-field';
  bound: 'upper';
  /** The seed lecture's parameters: q(s_n) ∝ exp(-beta theta_n s_n), theta_n = h_n + sum_m J_nm <s_m>. */
  theta: Float64Array;
  /** Which start gave the lowest F_q: "initial", "up", "down" or "random k". */
  start: string;
}

/**
 * Variational free energy of the product state with magnetisations m: E_q[E] - T sum_n H(m_n).
 * @example meanFieldFreeEnergy(model, new Float64Array(model.size), 2).freeEnergy; // -2 N log 2 at m = 0, h = 0
 */
export function meanFieldFreeEnergy(model: IsingModel, m: Float64Array, temperature: number): { freeEnergy: number; energy: number; entropy: number } {
  const energy = productStateEnergy(model, m);
  let entropy = 0;
  for (let n = 0; n < model.size; n++) entropy += spinEntropy(m[n]);
  return { freeEnergy: energy - temperature * entropy, energy, entropy };
}

/**
 * Sequential (Gauss–Seidel) sweeps m_n <- (1 - d) m_new + d m_n with
 *   m_new = -tanh(beta (h_n + sum_m J_nm m_m + onsager * beta m_n sum_m J_nm^2 (1 - m_m^2)))
 * onsager = 0: naive mean field (without damping each update minimises F_q exactly in m_n, so
 * F_q never increases); onsager = 1: the TAP equations, with the reaction term at the current m_n.
 * Returns the number of sweeps and whether the largest change fell below the tolerance.
 */
export function sequentialSweeps(model: IsingModel, m: Float64Array, beta: number, settings: { damping: number; tolerance: number; maxIterations: number }, onsager: 0 | 1): { iterations: number; converged: boolean } {
  const { fields, offsets, neighbors, couplings } = model;
  const { damping, tolerance, maxIterations } = settings;
  for (let sweep = 1; sweep <= maxIterations; sweep++) {
    let change = 0;
    for (let n = 0; n < model.size; n++) {
      let field = fields[n];
      let reaction = 0;
      for (let k = offsets[n]; k < offsets[n + 1]; k++) {
        const mk = m[neighbors[k]];
        const j = couplings[k];
        field += j * mk;
        reaction += j * j * (1 - mk * mk);
      }
      const next = (1 - damping) * -Math.tanh(beta * (field + onsager * beta * m[n] * reaction)) + damping * m[n];
      const d = Math.abs(next - m[n]);
      if (!(d <= 2)) return { iterations: sweep, converged: false };
      if (d > change) change = d;
      m[n] = next;
    }
    if (change < tolerance) return { iterations: sweep, converged: true };
  }
  return { iterations: maxIterations, converged: false };
}

/**
 * Naive mean field (the seed lecture's factorised family q(s) = prod_n exp(-beta theta_n s_n) /
 * (2 cosh beta theta_n), <s_n> = -tanh(beta theta_n)). Stationarity of
 *
 *   F_q = sum_n h_n m_n + sum_{n<m} J_nm m_n m_m - T sum_n H(m_n)  >=  F   (Gibbs–Bogoliubov)
 *
 * gives theta_n = h_n + sum_m J_nm m_m. Several starts are iterated (the `initial` point if
 * given, all up, all down, random) and the one with the lowest F_q is kept: F_q is an upper bound
 * on F for every q, so the lowest is the best bound. On a lattice with coordination z and
 * coupling J the magnetisation appears below T_c^MF = z |J|.
 *
 * @example
 * const r = meanField(squareModel(8, 8, { coupling: -1 }), { temperature: 3 });
 * r.freeEnergy >= exactF; // always
 */
export function meanField(model: IsingModel, options: MeanFieldOptions): MeanFieldResult {
  const settings = fixedPointSettings(options, 0, 10_000);
  return bestOverStarts(buildStarts(model.size, options), (start) => {
    const run = sequentialSweeps(model, start.m, settings.beta, settings, 0);
    const f = meanFieldFreeEnergy(model, start.m, settings.temperature);
    return { ...variationalResult('mean-field', 'upper', settings, f, start.m, run), theta: localFields(model, start.m), start: start.name };
  });
}

/**
 * theta_n = h_n + sum_m J_nm m_m: the mean field each spin feels.
 * @example localFields(model, result.magnetization); // equals result.theta at a solution
 */
export function localFields(model: IsingModel, m: Float64Array): Float64Array {
  const theta = Float64Array.from(model.fields);
  for (let n = 0; n < model.size; n++) {
    for (let k = model.offsets[n]; k < model.offsets[n + 1]; k++) theta[n] += model.couplings[k] * m[model.neighbors[k]];
  }
  return theta;
}

/**
 * Mean field across temperatures, each point starting from the previous solution (plus the
 * standard starts, so a sweep never keeps a worse branch than a fresh solve would find).
 * @example meanFieldSweep(model, [4, 3.9, 3.8].map((temperature) => ({ temperature })))
 */
export function meanFieldSweep(model: IsingModel, points: Array<{ temperature: number }>, options: Omit<MeanFieldOptions, 'temperature' | 'beta' | 'initial'> = {}): MeanFieldResult[] {
  const results: MeanFieldResult[] = [];
  for (const point of points) {
    const previous = results.at(-1)?.magnetization;
    results.push(meanField(model, { ...options, temperature: point.temperature, initial: previous }));
  }
  return results;
}
