import type { Rng } from '../core/rng.js';
import type { IsingModel } from '../models/ising.js';
import { type ClusterGraph, clusterGraph, retemper } from './cluster-graph.js';
import { isingObservables, writeIsingScalars } from './ising-observables.js';
import type { Kernel, SweepInfo } from './kernel.js';
import { type IsingKernelOptions, type SpinState, checkIsingOptions, isingModelCodec, newSpinState, restoreSpins, saveSpins } from './spin-state.js';

/** Swendsen–Wang state: physical spins (length N) plus work arrays over the bond graph. */
export interface SwendsenWangState extends SpinState {
  model: IsingModel;
  graph: ClusterGraph;
  /** Node values on the bond graph: the N spins, then the ghost fixed at +1. */
  nodes: Int8Array;
  visited: Uint8Array;
  stack: Int32Array;
  members: Int32Array;
  clusters: number;
  sweeps: number;
}

function prepare(model: IsingModel, base: SpinState): SwendsenWangState {
  const graph = clusterGraph(model, base.beta);
  return {
    ...base, model, graph, nodes: new Int8Array(graph.size).fill(1), visited: new Uint8Array(graph.size),
    stack: new Int32Array(graph.size), members: new Int32Array(graph.size), clusters: 0, sweeps: 0,
  };
}

function sweep(st: SwendsenWangState, rng: Rng): SweepInfo {
  const { graph, nodes, visited, stack, members, spins, model } = st;
  const { offsets, neighbors, couplings, threshold } = graph;
  const n = model.size;
  nodes.set(spins);
  visited.fill(0);
  let clusters = 0;
  // The ghost's cluster (first, when there is a ghost) keeps its orientation: the ghost stays +1.
  const first = graph.ghost ? n : 0;
  for (let r = 0; r < graph.size; r++) {
    const root = (first + r) % graph.size;
    if (visited[root]) continue;
    // Bonds are decided when first reached from an unvisited side, so each bond is drawn once.
    let top = 0;
    let count = 0;
    stack[top++] = root;
    visited[root] = 1;
    while (top > 0) {
      const i = stack[--top];
      members[count++] = i;
      const si = nodes[i];
      for (let k = offsets[i]; k < offsets[i + 1]; k++) {
        const j = neighbors[k];
        if (visited[j]) continue;
        if (couplings[k] * si * nodes[j] < 0 && (threshold[k] >= 4294967296 || rng.nextInt32() >>> 0 < threshold[k])) {
          visited[j] = 1;
          stack[top++] = j;
        }
      }
    }
    const fixed = graph.ghost && r === 0;
    if (!fixed) {
      clusters++;
      if (rng.nextInt32() < 0) for (let c = 0; c < count; c++) nodes[members[c]] = -nodes[members[c]];
    }
  }
  for (let i = 0; i < n; i++) spins[i] = nodes[i];
  // A sweep touches every spin anyway: recompute E and M exactly (no drift to track).
  st.energy = model.energy(spins);
  st.magnetization = model.magnetization(spins);
  st.clusters += clusters;
  st.sweeps++;
  st.info.accepted = clusters;
  st.info.attempted = clusters;
  return st.info;
}

/**
 * Swendsen–Wang (PRL 58, 86, 1987) on any graph, with fields through a ghost spin whose cluster
 * keeps its orientation (see ClusterGraph): activate every satisfied bond with
 * p = 1 - exp(-2 beta |J|), then flip each cluster with probability 1/2. One sweep = one full
 * decomposition of the lattice. Built for ferromagnets; valid for any signs.
 *
 * @example
 * const { summary } = runChains(swendsenWangKernel, squareModel(32, 32), { beta: 0.4407 }, { sweeps: 2000, burnIn: 200 }, { seed: 1 });
 */
export const swendsenWangKernel: Kernel<IsingModel, SwendsenWangState, IsingKernelOptions> = {
  name: 'swendsen-wang',
  init: (model, options, rng) => prepare(model, newSpinState(model, options, rng)),
  sweep,
  save: (s) => ({ ...saveSpins(s), clusters: s.clusters, sweeps: s.sweeps }),
  restore(model, options, saved) {
    checkIsingOptions(options);
    const state = prepare(model, restoreSpins(model, saved));
    const extra = saved as { clusters: number; sweeps: number };
    state.clusters = extra.clusters;
    state.sweeps = extra.sweeps;
    return state;
  },
  observables(model, options) {
    return isingObservables(model, options.beta, (s: SwendsenWangState, out) => writeIsingScalars(s.energy, s.magnetization, out), (s) => s.spins, options.correlation);
  },
  energy: (state) => state.energy,
  setBeta(state, beta) {
    state.beta = beta;
    retemper(state.graph, beta);
  },
  stats: (state) => ({ meanClusters: state.sweeps > 0 ? state.clusters / state.sweeps : 0 }),
  configuration: (state) => state.spins,
  ...isingModelCodec,
};
