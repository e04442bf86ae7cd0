import type { Rng } from '../core/rng.js';
import type { IsingModel } from '../models/ising.js';
import { type ClusterGraph, clusterGraph, retemper } from './cluster-graph.js';
import { isingObservables, writeIsingScalars } from './ising-observables.js';
import type { Kernel, SweepInfo } from './kernel.js';
import { type IsingKernelOptions, type SpinState, checkIsingOptions, initialSpins, isingModelCodec } from './spin-state.js';

/**
 * Wolff state. `spins` has N entries, plus the ghost at index N when the model has fields;
 * physical spins are spins[n] * spins[N]. `energy` is the physical energy (invariant under the
 * global flip), `magnetization` the raw sum over the N real entries.
 */
export interface WolffState extends SpinState {
  model: IsingModel;
  graph: ClusterGraph;
  /** Clusters per sweep (tuned during burn-in, then fixed). */
  clustersPerSweep: number;
  clusters: number;
  flipped: number;
  mark: Int32Array;
  generation: number;
  stack: Int32Array;
  members: Int32Array;
  physical: Int8Array;
}

interface SavedWolff {
  spins: Int8Array;
  energy: number;
  magnetization: number;
  beta: number;
  clustersPerSweep: number;
  clusters: number;
  flipped: number;
}

function prepare(model: IsingModel, saved: SavedWolff): WolffState {
  const graph = clusterGraph(model, saved.beta);
  return {
    ...saved, spins: Int8Array.from(saved.spins), model, graph, info: { accepted: 0, attempted: 0 },
    mark: new Int32Array(graph.size), generation: 0, stack: new Int32Array(graph.size), members: new Int32Array(graph.size), physical: new Int8Array(model.size),
  };
}

/** Physical spins (ghost folded in). */
export function physicalSpins(spins: Int8Array, size: number, out: Int8Array): Int8Array {
  const g = spins.length > size ? spins[size] : 1;
  for (let n = 0; n < size; n++) out[n] = spins[n] * g;
  return out;
}

/**
 * Grow one cluster from `seed` and flip it; returns its size (real spins only).
 * One pass: when spin i leaves the stack every neighbour j is visited once. Bonds to unmarked
 * neighbours are tested (every bond at most once, all against the old spins). The energy change
 * dE = -2 sum over boundary bonds of J s_i s_j is summed as -2 (A - 2 I): A = sum of J s_i s_j
 * over all bonds of cluster spins, I = the same over bonds inside the cluster, each counted when
 * its second end leaves the stack (it then finds the first one already done).
 */
function flipCluster(st: WolffState, seed: number, rng: Rng): number {
  const { spins, mark, stack, members } = st;
  const { offsets, neighbors, couplings, threshold } = st.graph;
  const n = st.model.size;
  // Marks 2 gen (pending) and 2 gen + 1 (done) tell this cluster's spins from older ones.
  if (st.generation >= 0x3fffffff) {
    st.mark.fill(0);
    st.generation = 0;
  }
  st.generation += 1;
  const pending = 2 * st.generation;
  const done = pending + 1;
  let top = 0;
  let count = 0;
  stack[top++] = seed;
  mark[seed] = pending;
  let all = 0;
  let inside = 0;
  let size = 0;
  let deltaM = 0;
  while (top > 0) {
    const i = stack[--top];
    mark[i] = done;
    members[count++] = i;
    const si = spins[i];
    if (i < n) {
      size++;
      deltaM -= 2 * si;
    }
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const j = neighbors[k];
      const bond = couplings[k] * si * spins[j];
      all += bond;
      const m = mark[j];
      if (m === done) inside += bond;
      else if (m !== pending && bond < 0 && (threshold[k] >= 4294967296 || rng.nextInt32() >>> 0 < threshold[k])) {
        mark[j] = pending;
        stack[top++] = j;
      }
    }
  }
  for (let c = 0; c < count; c++) spins[members[c]] = -spins[members[c]];
  st.energy += -2 * (all - 2 * inside);
  st.magnetization += deltaM;
  return size;
}

function sweep(st: WolffState, rng: Rng): SweepInfo {
  const n = st.model.size;
  const clusters = st.clustersPerSweep;
  for (let c = 0; c < clusters; c++) st.flipped += flipCluster(st, rng.nextInt(n), rng);
  st.clusters += clusters;
  st.info.accepted = clusters;
  st.info.attempted = clusters;
  return st.info;
}

/**
 * Burn-in only: set the (then fixed) number of clusters per sweep to N / <|C|>, so a sweep flips
 * about N spins. The count must not depend on the current state while measuring: stopping after
 * "N spins flipped" would measure at a state-dependent time and bias the averages.
 */
function adapt(st: WolffState): void {
  if (st.clusters > 0) st.clustersPerSweep = Math.max(1, Math.round((st.model.size * st.clusters) / st.flipped));
}

/**
 * Wolff single-cluster algorithm (U. Wolff, PRL 62, 361, 1989) on any graph, uniform or not,
 * with fields through a ghost spin (see ClusterGraph): grow a cluster from a random spin over
 * satisfied bonds, each activated with p = 1 - exp(-2 beta |J|), and flip it (always accepted).
 * One sweep = a fixed number of clusters, set during burn-in to N / <|C|> (about N spins
 * flipped, so tau is in units comparable to a Metropolis sweep; 1 without burn-in). Built for ferromagnets
 * (J <= 0); valid for any signs, but frustration makes clusters percolate.
 *
 * @example
 * const { summary } = runChains(wolffKernel, squareModel(64, 64), { beta: 0.4407 }, { sweeps: 2000, burnIn: 200 }, { seed: 1 });
 */
export const wolffKernel: Kernel<IsingModel, WolffState, IsingKernelOptions> = {
  name: 'wolff',
  init(model, options, rng) {
    checkIsingOptions(options);
    const real = initialSpins(model.size, options.start, rng);
    const ghost = clusterGraph(model, options.beta).ghost;
    const spins = new Int8Array(model.size + (ghost ? 1 : 0)).fill(1);
    spins.set(real);
    return prepare(model, { spins, energy: model.energy(real), magnetization: model.magnetization(real), beta: options.beta, clustersPerSweep: 1, clusters: 0, flipped: 0 });
  },
  sweep,
  adapt,
  save: (s) => ({ spins: s.spins.slice(), energy: s.energy, magnetization: s.magnetization, beta: s.beta, clustersPerSweep: s.clustersPerSweep, clusters: s.clusters, flipped: s.flipped }),
  restore(model, options, saved) {
    checkIsingOptions(options);
    return prepare(model, saved as SavedWolff);
  },
  observables(model, options) {
    const n = model.size;
    return isingObservables(
      model, options.beta,
      (s: WolffState, out) => writeIsingScalars(s.energy, s.spins.length > n ? s.magnetization * s.spins[n] : s.magnetization, out),
      (s) => physicalSpins(s.spins, n, s.physical), options.correlation,
    );
  },
  check(state) {
    const physical = physicalSpins(state.spins, state.model.size, state.physical);
    const energy = state.model.energy(physical);
    const drift = Math.abs(energy - state.energy);
    state.energy = energy;
    let raw = 0;
    for (let i = 0; i < state.model.size; i++) raw += state.spins[i];
    state.magnetization = raw;
    return drift;
  },
  energy: (state) => state.energy,
  setBeta(state, beta) {
    state.beta = beta;
    retemper(state.graph, beta);
  },
  stats: (state) => ({ meanClusterSize: state.clusters > 0 ? state.flipped / state.clusters : 0, clustersPerSweep: state.clustersPerSweep }),
  configuration: (state) => physicalSpins(state.spins, state.model.size, state.physical),
  ...isingModelCodec,
};
