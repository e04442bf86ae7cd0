import { invalidValue } from '../core/errors.js';
import { Rng } from '../core/rng.js';

/** Options for the several starting points the fixed-point methods try. */
export interface StartOptions {
  /** A starting point <s_n> (e.g. the previous point of a temperature sweep), tried first. */
  initial?: ArrayLike<number>;
  /** Random starts (uniform <s_n> in (-1, 1)) in addition to all up and all down. Default 1. */
  randomStarts?: number;
  /** Seed of the random starts. Default 0. */
  seed?: number;
}

/** A named starting magnetisation vector. */
export interface Start {
  name: string;
  m: Float64Array;
}

/**
 * The starts a fixed-point method iterates from: `initial` (if given), all up, all down, and
 * `randomStarts` random points. A fixed-point iteration finds one solution per basin; trying
 * several and keeping the lowest free energy avoids reporting a metastable branch.
 */
export function buildStarts(size: number, options: StartOptions): Start[] {
  const randomStarts = options.randomStarts ?? 1;
  if (!Number.isInteger(randomStarts) || randomStarts < 0) throw invalidValue('randomStarts', randomStarts, 'an integer >= 0');
  const starts: Start[] = [];
  if (options.initial !== undefined) {
    if (options.initial.length !== size) throw invalidValue('initial', `${options.initial.length} values`, `${size} magnetisations (one per spin)`);
    const m = Float64Array.from(options.initial);
    for (let i = 0; i < size; i++) if (!(m[i] >= -1 && m[i] <= 1)) throw invalidValue(`initial[${i}]`, options.initial[i], 'a magnetisation in [-1, 1]');
    starts.push({ name: 'initial', m });
  }
  starts.push({ name: 'up', m: new Float64Array(size).fill(1) }, { name: 'down', m: new Float64Array(size).fill(-1) });
  const rng = Rng.fromSeed(options.seed ?? 0);
  for (let r = 0; r < randomStarts; r++) starts.push({ name: `random ${r + 1}`, m: Float64Array.from({ length: size }, () => 2 * rng.nextDouble() - 1) });
  return starts;
}

/**
 * Whether candidate `b` beats the current best `a`: converged beats unconverged, then a lower F
 * by more than rounding (ties keep the earlier start, so a sweep keeps following its branch).
 */
export function betterSolution(a: { converged: boolean; freeEnergy: number } | undefined, b: { converged: boolean; freeEnergy: number }): boolean {
  if (!Number.isFinite(b.freeEnergy)) return false;
  if (!a) return true;
  if (b.converged !== a.converged) return b.converged;
  return b.freeEnergy < a.freeEnergy - 1e-12 * Math.max(1, Math.abs(a.freeEnergy));
}

/**
 * Solve from every start and keep the best solution (see {@link betterSolution}); the returned
 * `iterations` is the total over all starts (the work done).
 */
export function bestOverStarts<R extends { converged: boolean; freeEnergy: number; iterations: number }>(starts: Start[], solve: (start: Start) => R): R {
  let best: R | undefined;
  let total = 0;
  for (const start of starts) {
    const candidate = solve(start);
    total += candidate.iterations;
    if (!best || betterSolution(best, candidate)) best = candidate;
  }
  const result = best as R;
  result.iterations = total;
  return result;
}
