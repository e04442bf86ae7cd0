import { type Estimate, estimateChains } from '../core/estimate.js';
import { jackknife } from '../core/jackknife.js';
import type { ChainSnapshot, ResolvedPlan } from './driver.js';
import type { DerivedObservable, ObservableSet } from './kernel.js';

/** Average of a vector observable with batch-means errors per component. */
export interface VectorEstimate {
  mean: Float64Array;
  error: Float64Array;
}

/**
 * Everything a run measured, combined over its chains. Scalar and derived estimates are
 * `{ mean, error, tau, ess, rHat }` with `tau` in SWEEPS (the integrated autocorrelation time of
 * the measured series times the measurement interval) and `ess` the effective number of
 * independent measurements summed over chains.
 */
export interface RunSummary {
  chains: number;
  /** Measurements per chain. */
  measurements: number;
  /** Sweeps per chain after burn-in. */
  sweeps: number;
  scalars: Record<string, Estimate>;
  derived: Record<string, Estimate>;
  vectors: Record<string, VectorEstimate>;
  /** Accepted / attempted proposals after burn-in, over all chains. */
  acceptance: number;
  /** Largest drift any consistency check found (0 when none ran). */
  maxDrift: number;
  /** Human-readable warnings: runs shorter than ~50 tau, R-hat above 1.01. */
  warnings: string[];
}

/** Runs shorter than this many autocorrelation times get a warning. */
export const MIN_TAUS = 50;
/** Split R-hat above this gets a warning. */
export const MAX_RHAT = 1.01;

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Gradient of f at x by central differences (for the delta-method series of a derived quantity). */
function gradient(f: (x: readonly number[]) => number, x: readonly number[]): number[] {
  return x.map((xi, k) => {
    const h = 1e-6 * Math.max(Math.abs(xi), 1e-6);
    const up = [...x];
    const down = [...x];
    up[k] = xi + h;
    down[k] = xi - h;
    return (f(up) - f(down)) / (2 * h);
  });
}

/**
 * A derived quantity over several chains: value and error by the blocked jackknife over the
 * chains' concatenated series (16 blocks per chain); tau, ESS and R-hat from the linearised
 * series sum_k (df/dmu_k) y_k(t) (the delta method), which has the same autocorrelation as
 * the estimator's fluctuations.
 */
export function estimateDerived(derived: DerivedObservable, inputs: Float64Array[][]): Estimate {
  const chains = inputs[0].length;
  const joined = inputs.map((perChain) => concat(perChain));
  const jk = jackknife(joined, (means) => derived.compute(means), Math.min(16 * chains, joined[0].length));
  const means = joined.map((s) => s.reduce((a, b) => a + b, 0) / s.length);
  const g = gradient((x) => derived.compute(x), means);
  const linear = Array.from({ length: chains }, (_, c) => {
    const n = inputs[0][c].length;
    const out = new Float64Array(n);
    for (let k = 0; k < inputs.length; k++) {
      const y = inputs[k][c];
      for (let t = 0; t < n; t++) out[t] += g[k] * y[t];
    }
    return out;
  });
  const lin = estimateChains(linear);
  return { mean: jk.value, error: jk.error, tau: lin.tau, ess: lin.ess, rHat: lin.rHat };
}

function summarizeVector(sums: Float64Array[], counts: Float64Array[], length: number): VectorEstimate {
  const mean = new Float64Array(length);
  const error = new Float64Array(length);
  const batchMeans: Float64Array[] = [];
  let total = 0;
  sums.forEach((s, c) => {
    counts[c].forEach((count, b) => {
      if (count === 0) return;
      total += count;
      batchMeans.push(s.subarray(b * length, (b + 1) * length).map((x) => x / count));
      for (let i = 0; i < length; i++) mean[i] += s[b * length + i];
    });
  });
  for (let i = 0; i < length; i++) mean[i] /= total;
  const nb = batchMeans.length;
  if (nb > 1) {
    for (let i = 0; i < length; i++) {
      let m = 0;
      for (const bm of batchMeans) m += bm[i] / nb;
      let v = 0;
      for (const bm of batchMeans) v += (bm[i] - m) ** 2;
      error[i] = Math.sqrt(v / (nb - 1) / nb);
    }
  } else error.fill(Number.NaN);
  return { mean, error };
}

function inSweeps(e: Estimate, interval: number): Estimate {
  return { ...e, tau: e.tau * interval };
}

/**
 * Combine chain snapshots into estimates and warnings (pure; runs in any thread or a browser).
 *
 * @example
 * const summary = summarizeChains(kernel.observables(model, options), snapshots, plan);
 * summary.scalars.energy; // { mean, error, tau, ess, rHat }
 */
export function summarizeChains(observables: ObservableSet<unknown>, chains: ChainSnapshot[], plan: ResolvedPlan): RunSummary {
  const measurements = Math.min(...chains.map((c) => c.measurements));
  const seriesOf = (i: number) => chains.map((c) => c.series[i].subarray(0, measurements));
  const scalars: Record<string, Estimate> = {};
  observables.scalars.forEach((name, i) => {
    scalars[name] = inSweeps(estimateChains(seriesOf(i)), plan.interval);
  });
  const derived: Record<string, Estimate> = {};
  for (const d of observables.derived ?? []) {
    const inputs = d.inputs.map((name) => {
      const i = observables.scalars.indexOf(name);
      if (i < 0) throw new Error(`derived observable ${d.name} needs unknown scalar ${name}`);
      return seriesOf(i);
    });
    derived[d.name] = inSweeps(estimateDerived(d, inputs), plan.interval);
  }
  const vectors: Record<string, VectorEstimate> = {};
  (observables.vectors ?? []).forEach((v, i) => {
    vectors[v.name] = summarizeVector(chains.map((c) => c.vectorSums[i]), chains.map((c) => c.batchCounts), v.length);
  });
  const accepted = chains.reduce((s, c) => s + c.accepted, 0);
  const attempted = chains.reduce((s, c) => s + c.attempted, 0);
  const warnings: string[] = [];
  const all = { ...scalars, ...derived };
  for (const [name, e] of Object.entries(all)) {
    if (Number.isFinite(e.tau) && plan.sweeps < MIN_TAUS * e.tau) {
      warnings.push(`${name}: the run (${plan.sweeps} sweeps) is shorter than ${MIN_TAUS} autocorrelation times (tau = ${e.tau.toPrecision(3)} sweeps); error bars are unreliable`);
    }
    if (e.rHat !== undefined && Number.isFinite(e.rHat) && e.rHat > MAX_RHAT) {
      warnings.push(`${name}: split R-hat = ${e.rHat.toFixed(3)} > ${MAX_RHAT}; the chains disagree (not equilibrated or stuck)`);
    }
  }
  return {
    chains: chains.length,
    measurements,
    sweeps: plan.sweeps,
    scalars,
    derived,
    vectors,
    acceptance: attempted > 0 ? accepted / attempted : Number.NaN,
    maxDrift: Math.max(0, ...chains.map((c) => c.maxDrift)),
    warnings,
  };
}
