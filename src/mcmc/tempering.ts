import { GibbsError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { AnyKernel, Kernel, ObservableSet, SweepInfo } from './kernel.js';
import { checkLadder, placeLadder } from './ladder.js';
import { acceptanceThreshold } from './spin-state.js';

/** Options of parallel tempering. The inner kernel's options get `beta` from the ladder. */
export interface TemperingOptions {
  /** Inverse temperatures, strictly decreasing; betas[0] is the target that is measured. */
  betas: number[];
  /** Options for the inner kernel (without `beta`). */
  inner?: Record<string, unknown>;
  /** Move the inner temperatures during burn-in toward uniform swap rates (default false). */
  place?: boolean;
  /** Measure the correlation function at the target temperature. */
  correlation?: boolean;
}

/** Parallel-tempering state: one inner state per replica and the replica at each ladder slot. */
export interface TemperingState {
  replicas: unknown[];
  /** slotReplica[k] = replica currently at temperature slot k. */
  slotReplica: Int32Array;
  betas: Float64Array;
  swapAccepted: Float64Array;
  swapAttempted: Float64Array;
  /** Sum of swap acceptance probabilities per pair in the current placement window. */
  window: Float64Array;
  windowSweeps: number;
  /** Whether burn-in places the ladder (options.place). */
  place: boolean;
  info: SweepInfo;
}

function innerOptions(options: TemperingOptions, beta: number): Record<string, unknown> {
  return { ...(options.inner ?? {}), correlation: options.correlation, beta };
}

function attemptSwaps(inner: AnyKernel, st: TemperingState, rng: Rng): void {
  const { replicas, slotReplica, betas } = st;
  const energy = inner.energy as (s: unknown) => number;
  const setBeta = inner.setBeta as (s: unknown, b: number) => void;
  for (let k = 0; k + 1 < betas.length; k++) {
    const a = slotReplica[k];
    const b = slotReplica[k + 1];
    // Swap configurations between slots k and k+1: min(1, exp((beta_k - beta_{k+1}) (E_a - E_b))).
    const p = Math.min(1, Math.exp((betas[k] - betas[k + 1]) * (energy(replicas[a]) - energy(replicas[b]))));
    st.swapAttempted[k]++;
    st.window[k] += p;
    const threshold = acceptanceThreshold(p);
    if (threshold >= 4294967296 || rng.nextInt32() >>> 0 < threshold) {
      slotReplica[k] = b;
      slotReplica[k + 1] = a;
      setBeta(replicas[b], betas[k]);
      setBeta(replicas[a], betas[k + 1]);
      st.swapAccepted[k]++;
    }
  }
}

/**
 * Parallel tempering / replica exchange (Swendsen & Wang 1986; Geyer 1991; Hukushima & Nemoto,
 * JPSJ 65, 1604, 1996) around ANY kernel that provides `energy` and `setBeta`: R replicas on a
 * ladder beta_0 > beta_1 > ... each take one inner sweep, then neighbouring slots k, k+1 swap
 * configurations with probability min(1, exp((beta_k - beta_{k+1})(E_k - E_{k+1}))). The
 * replica at beta_0 is measured. With `place`, burn-in moves the inner temperatures toward
 * uniform swap rates (see placeLadder), then the ladder is frozen. `stats` reports the swap
 * acceptance per pair and the final ladder.
 *
 * @example
 * const pt = temperingKernel(metropolisKernel);
 * runChains(pt, sk, { betas: geometricLadder(0.3, 1.5, 8).map(Number), place: true }, { sweeps: 20000, burnIn: 2000 }, { seed: 1 });
 */
export function temperingKernel<M>(inner: Kernel<M, unknown, never> | AnyKernel): Kernel<M, TemperingState, TemperingOptions> {
  const k = inner as AnyKernel;
  if (!k.energy || !k.setBeta) throw new GibbsError(`tempering: kernel ${k.name} lacks energy/setBeta and cannot be tempered`, 'algorithm');
  const make = (options: TemperingOptions, replicas: unknown[], saved?: Partial<TemperingState>): TemperingState => {
    const r = options.betas.length;
    return {
      replicas,
      slotReplica: saved?.slotReplica ? Int32Array.from(saved.slotReplica) : Int32Array.from({ length: r }, (_, i) => i),
      betas: saved?.betas ? Float64Array.from(saved.betas) : Float64Array.from(options.betas),
      swapAccepted: saved?.swapAccepted ? Float64Array.from(saved.swapAccepted) : new Float64Array(r - 1),
      swapAttempted: saved?.swapAttempted ? Float64Array.from(saved.swapAttempted) : new Float64Array(r - 1),
      window: saved?.window ? Float64Array.from(saved.window) : new Float64Array(r - 1),
      windowSweeps: saved?.windowSweeps ?? 0,
      place: options.place ?? false,
      info: { accepted: 0, attempted: 0 },
    };
  };
  return {
    name: `tempering(${k.name})`,
    init(model, options, rng) {
      checkLadder(options.betas);
      const replicas = options.betas.map((beta) => k.init(model, innerOptions(options, beta), rng));
      return make(options, replicas);
    },
    sweep(st, rng) {
      let accepted = 0;
      let attempted = 0;
      for (const replica of st.replicas) {
        const info = k.sweep(replica, rng);
        accepted += info.accepted;
        attempted += info.attempted;
      }
      attemptSwaps(k, st, rng);
      st.windowSweeps++;
      st.info.accepted = accepted;
      st.info.attempted = attempted;
      return st.info;
    },
    adapt(st, info, sweep, burnIn) {
      // The inner kernels adapt too (e.g. Wolff's clusters per sweep).
      if (k.adapt) for (const replica of st.replicas) k.adapt(replica, info, sweep, burnIn);
      // Place the ladder in windows over the first 80% of burn-in; the rest equilibrates it.
      const window = Math.max(20, Math.floor(burnIn / 50));
      if (st.windowSweeps < window) return;
      if (st.place && sweep <= 0.8 * burnIn) {
        const acceptance = st.window.map((sum) => sum / st.windowSweeps);
        placeLadder(st.betas, acceptance, 2);
        st.slotReplica.forEach((replica, slot) => k.setBeta?.(st.replicas[replica], st.betas[slot]));
      }
      st.window.fill(0);
      st.windowSweeps = 0;
    },
    save: (st) => ({
      replicas: st.replicas.map((r) => k.save(r)),
      slotReplica: st.slotReplica.slice(), betas: st.betas.slice(), swapAccepted: st.swapAccepted.slice(), swapAttempted: st.swapAttempted.slice(),
      window: st.window.slice(), windowSweeps: st.windowSweeps,
    }),
    restore(model, options, saved) {
      checkLadder(options.betas);
      const s = saved as TemperingState;
      const replicas = s.replicas.map((r, i) => {
        const slot = Array.from(s.slotReplica).indexOf(i);
        return k.restore(model, innerOptions(options, s.betas[slot]), r);
      });
      return make(options, replicas, s);
    },
    observables(model, options) {
      const target = k.observables(model, innerOptions(options, options.betas[0])) as ObservableSet<unknown>;
      const at = (st: TemperingState) => st.replicas[st.slotReplica[0]];
      return {
        scalars: target.scalars,
        measure: (st: TemperingState, out: Float64Array) => target.measure(at(st), out),
        vectors: (target.vectors ?? []).map((v) => ({ name: v.name, length: v.length, accumulate: (st: TemperingState, sum: Float64Array) => v.accumulate(at(st), sum) })),
        derived: target.derived,
      };
    },
    check: k.check ? (st) => Math.max(...st.replicas.map((r) => (k.check as (s: unknown) => number)(r))) : undefined,
    energy: (st) => (k.energy as (s: unknown) => number)(st.replicas[st.slotReplica[0]]),
    configuration: k.configuration ? (st) => (k.configuration as (s: unknown) => ArrayLike<number>)(st.replicas[st.slotReplica[0]]) : undefined,
    toModelData: k.toModelData,
    fromModelData: k.fromModelData,
    stats: (st) => ({
      swapAcceptance: Array.from(st.swapAccepted, (a, i) => (st.swapAttempted[i] > 0 ? a / st.swapAttempted[i] : 0)),
      temperatures: Array.from(st.betas, (b) => 1 / b),
    }),
  };
}
