import type { IsingModel } from '../models/ising.js';
import { multispinLayout } from './multispin.js';

/** Critical temperatures per |J| of the uniform ferromagnetic lattices (k_B = 1). */
export const CRITICAL_TEMPERATURE: Record<string, number> = {
  // Onsager: 2 / ln(1 + sqrt 2).
  square: 2 / Math.log(1 + Math.SQRT2),
  // Exact: 4 / ln 3.
  triangular: 4 / Math.log(3),
  // Simple cubic, Monte Carlo (Ferrenberg, Xu & Landau, PRE 97, 043301, 2018: K_c = 0.221654626).
  cubic: 1 / 0.221654626,
};

/** The algorithm `auto` chose and why (printed to the user). */
export interface AutoChoice {
  algorithm: 'metropolis' | 'multispin' | 'wolff' | 'tempering';
  reason: string;
}

/**
 * Pick a sampler for `gibbs sample --algorithm auto`:
 * - frustrated or disordered couplings (any J > 0): parallel tempering around Metropolis, which
 *   crosses the barriers between low-energy states that trap a single chain;
 * - a ferromagnet within 25% of a known T_c, or any ferromagnet off the standard lattices: Wolff
 *   clusters, which beat critical slowing down (z ≈ 0.25 instead of ≈ 2.17);
 * - a ferromagnetic lattice away from T_c: multi-spin coding when the lattice allows it (fastest
 *   per sweep), else Metropolis.
 */
export function chooseAlgorithm(model: IsingModel, temperature: number): AutoChoice {
  if (!model.isFerromagnetic()) return { algorithm: 'tempering', reason: 'frustrated or mixed-sign couplings: parallel tempering (inner Metropolis)' };
  const lattice = model.lattice;
  const j = model.uniformCoupling();
  const tc = lattice && j !== undefined && lattice.boundary.every((b) => b === 'periodic') ? CRITICAL_TEMPERATURE[lattice.shape] : undefined;
  if (tc === undefined) return { algorithm: 'wolff', reason: 'ferromagnet without a known T_c: Wolff clusters' };
  const critical = tc * Math.abs(j as number);
  if (Math.abs(temperature - critical) <= 0.25 * critical) {
    return { algorithm: 'wolff', reason: `ferromagnet near T_c = ${critical.toPrecision(5)}: Wolff clusters (no critical slowing down)` };
  }
  try {
    multispinLayout(model, 'strip');
    return { algorithm: 'multispin', reason: `ferromagnetic lattice away from T_c = ${critical.toPrecision(5)}: multi-spin coded Metropolis` };
  } catch {
    return { algorithm: 'metropolis', reason: `ferromagnetic lattice away from T_c = ${critical.toPrecision(5)}: Metropolis` };
  }
}

/**
 * A default top temperature for a tempering ladder: twice the target, and at least 1.5 times
 * the typical local-field scale sqrt(mean_n (h_n^2 + sum_m J_nm^2)), above which any Ising model
 * is disordered (for SK with scale 1 this is ~1.5 T_c).
 */
export function defaultTopTemperature(model: IsingModel, temperature: number): number {
  let sum = 0;
  for (let n = 0; n < model.size; n++) {
    let local = model.fields[n] ** 2;
    for (let k = model.offsets[n]; k < model.offsets[n + 1]; k++) local += model.couplings[k] ** 2;
    sum += local;
  }
  return Math.max(2 * temperature, 1.5 * Math.sqrt(sum / model.size));
}
