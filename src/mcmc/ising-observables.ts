import { GibbsError } from '../core/errors.js';
import type { IsingModel, LatticeInfo } from '../models/ising.js';
import type { DerivedObservable, ObservableSet, VectorObservable } from './kernel.js';

/**
 * Scalar observables of every Ising kernel, measured as totals over the N spins:
 * E, E^2, M = sum_n s_n, |M|, M^2 and M^4 (in this order).
 */
export const ISING_SCALARS = ['energy', 'energySquared', 'magnetization', 'absMagnetization', 'magnetizationSquared', 'magnetizationFourth'] as const;

/** Write the Ising scalars for one configuration with energy `e` and magnetisation `m`. */
export function writeIsingScalars(e: number, m: number, out: Float64Array): void {
  const m2 = m * m;
  out[0] = e;
  out[1] = e * e;
  out[2] = m;
  out[3] = m < 0 ? -m : m;
  out[4] = m2;
  out[5] = m2 * m2;
}

/**
 * Derived Ising quantities (totals): heat capacity C = beta^2 (<E^2> - <E>^2), susceptibility
 * chi = beta (<M^2> - <M>^2) (the same definition as the exact solvers, so they compare
 * directly), and the Binder cumulant U_4 = 1 - <M^4> / (3 <M^2>^2).
 */
export function isingDerived(beta: number): DerivedObservable[] {
  return [
    { name: 'heatCapacity', inputs: ['energy', 'energySquared'], compute: ([e, e2]) => beta * beta * (e2 - e * e) },
    { name: 'susceptibility', inputs: ['magnetization', 'magnetizationSquared'], compute: ([m, m2]) => beta * (m2 - m * m) },
    { name: 'binder', inputs: ['magnetizationSquared', 'magnetizationFourth'], compute: ([m2, m4]) => 1 - m4 / (3 * m2 * m2) },
  ];
}

/**
 * Spin-spin correlation function of a lattice, G(r) = < s(x) s(x + r e_d) > averaged over all
 * sites x and all lattice directions d, for r = 0 .. floor(min_d L_d / 2). Pairs that would
 * cross an open boundary are left out of the average. Cost O(N d R) per measurement.
 */
export function correlationObservable<S>(lattice: LatticeInfo, spinsOf: (state: S) => Int8Array): VectorObservable<S> {
  const { size, boundary } = lattice;
  const dims = size.length;
  const range = Math.floor(Math.min(...size) / 2);
  const strides = size.map((_, d) => size.slice(0, d).reduce((a, b) => a * b, 1));
  const sites = size.reduce((a, b) => a * b, 1);
  // Pair counts per distance (open boundaries have fewer pairs at large r).
  const counts = new Float64Array(range + 1);
  for (let d = 0; d < dims; d++) {
    for (let r = 0; r <= range; r++) counts[r] += boundary[d] === 'periodic' ? sites : (sites / size[d]) * Math.max(0, size[d] - r);
  }
  const coord = new Int32Array(dims);
  return {
    name: 'correlation',
    length: range + 1,
    accumulate(state, sum) {
      const s = spinsOf(state);
      for (let site = 0; site < sites; site++) {
        let rest = site;
        for (let d = 0; d < dims; d++) {
          coord[d] = rest % size[d];
          rest = (rest - coord[d]) / size[d];
        }
        const si = s[site];
        for (let d = 0; d < dims; d++) {
          const c = coord[d];
          const base = site - c * strides[d];
          const periodic = boundary[d] === 'periodic';
          for (let r = 0; r <= range; r++) {
            let t = c + r;
            if (t >= size[d]) {
              if (!periodic) break;
              t -= size[d];
            }
            sum[r] += (si * s[base + t * strides[d]]) / counts[r];
          }
        }
      }
    },
  };
}

/** The standard Ising observable set (scalars, derived, optional G(r)) for a kernel's state. */
export function isingObservables<S>(
  model: IsingModel,
  beta: number,
  measure: (state: S, out: Float64Array) => void,
  spinsOf: (state: S) => Int8Array,
  correlation = false,
): ObservableSet<S> {
  if (correlation && !model.lattice) throw new GibbsError('correlation: the spin-spin correlation function needs a lattice model', 'correlation');
  return {
    scalars: ISING_SCALARS,
    measure,
    derived: isingDerived(beta),
    vectors: correlation && model.lattice ? [correlationObservable(model.lattice, spinsOf)] : [],
  };
}
