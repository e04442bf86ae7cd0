import { log2Cosh, logCosh } from '../core/numerics.js';
import type { IsingModel } from '../models/ising.js';
import { type FixedPointOptions, type VariationalResult, fixedPointSettings, variationalResult } from './result.js';
import { type StartOptions, bestOverStarts, buildStarts } from './starts.js';

/** Options for {@link bethe}: temperature, iteration settings (default damping 0.5) and starts. */
export interface BetheOptions extends FixedPointOptions, StartOptions {}

/** Bethe / loopy belief propagation result. */
export interface BetheResult extends VariationalResult {
  method: 'bethe';
  bound: 'none';
  /**
   * Pair correlations <s_n s_m> from the BP edge beliefs, aligned with the model's CSR entries:
   * entry k of row n is the bond (n, model.neighbors[k]).
   */
  pairCorrelations: Float64Array;
  /** Cavity messages u_{m->n} (energy units; the field that m exerts on n), aligned with the CSR entries. */
  messages: Float64Array;
  /** Which start gave the kept fixed point. */
  start: string;
}

/** Index of the reverse CSR entry: for entry k = (n, m), the entry (m, n). */
function reverseEntries(model: IsingModel): Int32Array {
  const { offsets, neighbors } = model;
  const rev = new Int32Array(neighbors.length);
  for (let n = 0; n < model.size; n++) {
    for (let k = offsets[n]; k < offsets[n + 1]; k++) {
      const m = neighbors[k];
      for (let q = offsets[m]; q < offsets[m + 1]; q++) {
        if (neighbors[q] === n) {
          rev[k] = q;
          break;
        }
      }
    }
  }
  return rev;
}

/**
 * The cavity field that spin m, with cavity field a = h_{m\n}, exerts on n through coupling J:
 * exp(-beta u s_n) ∝ sum_{s_m} exp(-beta (J s_n s_m + a s_m)), i.e.
 * u = -(1/(2 beta)) [log cosh(beta (a + J)) - log cosh(beta (a - J))] = -(1/beta) atanh(tanh(beta J) tanh(beta a)).
 */
function cavityMessage(beta: number, j: number, tanhBetaJ: number, a: number): number {
  const product = tanhBetaJ * Math.tanh(beta * a);
  // Two transcendentals by the atanh form; the log cosh form where atanh would lose digits near ±1.
  if (Math.abs(product) < 0.99) return -Math.atanh(product) / beta;
  return (-0.5 / beta) * (logCosh(beta * (a + j)) - logCosh(beta * (a - j)));
}

/**
 * The edge belief ∝ exp(-beta (J s t + a s + b t)) over s, t = ±1: its log normaliser
 * log sum_{s,t} exp(...) and the correlation <s t>.
 */
function edgeBelief(beta: number, j: number, a: number, b: number): { logSum: number; correlation: number } {
  const x1 = -beta * (j + a + b);
  const x2 = -beta * (-j + a - b);
  const x3 = -beta * (-j - a + b);
  const x4 = -beta * (j - a - b);
  const max = Math.max(x1, x2, x3, x4);
  const w1 = Math.exp(x1 - max);
  const w2 = Math.exp(x2 - max);
  const w3 = Math.exp(x3 - max);
  const w4 = Math.exp(x4 - max);
  const sum = w1 + w2 + w3 + w4;
  return { logSum: max + Math.log(sum), correlation: (w1 - w2 - w3 + w4) / sum };
}

/**
 * Sequential damped BP sweeps over nodes; `total[n]` = h_n + sum of incoming messages is kept
 * up to date so each cavity field is total[m] - u_{n->m} in O(1).
 */
function iterate(model: IsingModel, msg: Float64Array, total: Float64Array, rev: Int32Array, beta: number, damping: number, tolerance: number, maxIterations: number): { iterations: number; converged: boolean } {
  const { offsets, neighbors, couplings } = model;
  const tanhCouplings = couplings.map((j) => Math.tanh(beta * j));
  for (let sweep = 1; sweep <= maxIterations; sweep++) {
    let change = 0;
    for (let n = 0; n < model.size; n++) {
      for (let k = offsets[n]; k < offsets[n + 1]; k++) {
        const cavity = total[neighbors[k]] - msg[rev[k]];
        const old = msg[k];
        const next = (1 - damping) * cavityMessage(beta, couplings[k], tanhCouplings[k], cavity) + damping * old;
        const d = Math.abs(next - old);
        if (!(d < Infinity)) return { iterations: sweep, converged: false };
        if (d > change) change = d;
        msg[k] = next;
        total[n] += next - old;
      }
    }
    if (change < tolerance) return { iterations: sweep, converged: true };
  }
  return { iterations: maxIterations, converged: false };
}

/**
 * Bethe free energy from the messages (Yedidia, Freeman & Weiss 2005; Mézard & Montanari 2009,
 * ch. 14), simplified for pairwise Ising models: with H_n the total field and a, b the two cavity
 * fields of an edge,
 *
 *   -beta F_Bethe = sum_edges log sum_{s,t} exp(-beta (J s t + a s + b t)) + sum_n (1 - d_n) log 2cosh(beta H_n).
 */
function betheThermodynamics(model: IsingModel, msg: Float64Array, total: Float64Array, rev: Int32Array, beta: number) {
  const { offsets, neighbors, couplings, fields } = model;
  let minusBetaF = 0;
  let energy = 0;
  const magnetization = new Float64Array(model.size);
  const pairCorrelations = new Float64Array(neighbors.length);
  for (let n = 0; n < model.size; n++) {
    const degree = offsets[n + 1] - offsets[n];
    minusBetaF += (1 - degree) * log2Cosh(beta * total[n]);
    magnetization[n] = -Math.tanh(beta * total[n]);
    energy += fields[n] * magnetization[n];
    for (let k = offsets[n]; k < offsets[n + 1]; k++) {
      const m = neighbors[k];
      const a = total[n] - msg[k];
      const b = total[m] - msg[rev[k]];
      const belief = edgeBelief(beta, couplings[k], a, b);
      pairCorrelations[k] = belief.correlation;
      if (m > n) {
        minusBetaF += belief.logSum;
        energy += couplings[k] * belief.correlation;
      }
    }
  }
  const freeEnergy = -minusBetaF / beta;
  return { freeEnergy, energy, entropy: beta * (energy - freeEnergy), magnetization, pairCorrelations };
}

/**
 * Bethe approximation by loopy belief propagation (cavity method): damped sequential message
 * updates from several starts (no bias, the `initial` point, all up, all down, random), keeping
 * the converged fixed point with the lowest Bethe free energy. Returns the Bethe free energy,
 * marginals <s_n>, edge correlations <s_n s_m> and the messages. Exact on trees (and forests);
 * on loopy graphs an approximation, not a bound (`bound: "none"`). If no start converges within
 * `maxIterations`, `converged` is false and the numbers are the last iterate.
 *
 * @example
 * const r = bethe(chainModel(10, { coupling: -1, boundary: 'open' }), { temperature: 1 });
 * r.freeEnergy; // exact on an open chain
 */
export function bethe(model: IsingModel, options: BetheOptions): BetheResult {
  const settings = fixedPointSettings(options, 0.5, 1000);
  const beta = settings.beta;
  const rev = reverseEntries(model);
  const { offsets, neighbors, couplings, fields } = model;
  const starts = [{ name: 'unbiased', m: new Float64Array(model.size) }, ...buildStarts(model.size, options)];
  return bestOverStarts(starts, (start) => {
    // Initial messages: the field each neighbour's starting magnetisation would exert, J m_m.
    const msg = new Float64Array(neighbors.length);
    const total = Float64Array.from(fields);
    for (let n = 0; n < model.size; n++) {
      for (let k = offsets[n]; k < offsets[n + 1]; k++) {
        msg[k] = couplings[k] * start.m[neighbors[k]];
        total[n] += msg[k];
      }
    }
    const run = iterate(model, msg, total, rev, beta, settings.damping, settings.tolerance, settings.maxIterations);
    const t = betheThermodynamics(model, msg, total, rev, beta);
    return { ...variationalResult('bethe', 'none', settings, t, t.magnetization, run), pairCorrelations: t.pairCorrelations, messages: msg, start: start.name };
  });
}
