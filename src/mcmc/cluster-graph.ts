import type { IsingModel } from '../models/ising.js';
import { acceptanceThreshold } from './spin-state.js';

/**
 * The bond graph of the cluster algorithms: the model's couplings plus, when any field is
 * non-zero, a ghost spin (index N) coupled to every spin n by J = h_n, so that
 * sum_n h_n s_n = sum_n h_n s_n s_ghost with the ghost at +1 (Wang & Swendsen, Physica A 167,
 * 565, 1990; Kandel & Domany, PRB 43, 8539, 1991). A bond with coupling J is satisfied when
 * J s_a s_b < 0 and is activated with probability p = 1 - exp(-2 beta |J|); for a ferromagnet
 * (J < 0 here) that is the familiar p = 1 - exp(2 beta J) between parallel spins. The rule is
 * valid for any signs (frustrated bonds just make clusters percolate).
 */
export interface ClusterGraph {
  /** Nodes: N, or N + 1 with the ghost. */
  size: number;
  ghost: boolean;
  offsets: Int32Array;
  neighbors: Int32Array;
  couplings: Float64Array;
  /** floor(2^32 p) per CSR entry (bias below 2.3e-10 per bond decision). */
  threshold: Float64Array;
  /** Thresholds by beta already computed (parallel tempering moves replicas between a few betas). */
  cache: Map<number, Float64Array>;
}

function thresholds(couplings: Float64Array, beta: number): Float64Array {
  return couplings.map((j) => acceptanceThreshold(1 - Math.exp(-2 * beta * Math.abs(j))));
}

/** Switch a bond graph to another inverse temperature (thresholds cached per beta). */
export function retemper(graph: ClusterGraph, beta: number): void {
  let threshold = graph.cache.get(beta);
  if (!threshold) {
    threshold = thresholds(graph.couplings, beta);
    if (graph.cache.size < 64) graph.cache.set(beta, threshold);
  }
  graph.threshold = threshold;
}

/** Build the bond graph at inverse temperature `beta`. */
export function clusterGraph(model: IsingModel, beta: number): ClusterGraph {
  const n = model.size;
  let ghost = false;
  for (let i = 0; i < n; i++) if (model.fields[i] !== 0) ghost = true;
  if (!ghost) {
    const threshold = thresholds(model.couplings, beta);
    return { size: n, ghost, offsets: model.offsets, neighbors: model.neighbors, couplings: model.couplings, threshold, cache: new Map([[beta, threshold]]) };
  }
  const offsets = new Int32Array(n + 2);
  let fieldBonds = 0;
  for (let i = 0; i < n; i++) {
    const extra = model.fields[i] !== 0 ? 1 : 0;
    fieldBonds += extra;
    offsets[i + 1] = offsets[i] + (model.offsets[i + 1] - model.offsets[i]) + extra;
  }
  offsets[n + 1] = offsets[n] + fieldBonds;
  const neighbors = new Int32Array(offsets[n + 1]);
  const couplings = new Float64Array(offsets[n + 1]);
  let g = offsets[n];
  for (let i = 0; i < n; i++) {
    let k = offsets[i];
    for (let q = model.offsets[i]; q < model.offsets[i + 1]; q++, k++) {
      neighbors[k] = model.neighbors[q];
      couplings[k] = model.couplings[q];
    }
    if (model.fields[i] !== 0) {
      neighbors[k] = n;
      couplings[k] = model.fields[i];
      neighbors[g] = i;
      couplings[g++] = model.fields[i];
    }
  }
  const threshold = thresholds(couplings, beta);
  return { size: n + 1, ghost, offsets, neighbors, couplings, threshold, cache: new Map([[beta, threshold]]) };
}
