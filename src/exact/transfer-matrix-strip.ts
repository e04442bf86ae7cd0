import { invalidValue } from '../core/errors.js';
import type { IsingModel } from '../models/ising.js';
import { uniformSquareLattice } from './square-lattice.js';
import { MAX_STRIP_WIDTH, type Strip } from './strip.js';
import { DENSE_STRIP_WIDTH, stripDense } from './transfer-matrix-strip-dense.js';
import { stripKrylov } from './transfer-matrix-strip-krylov.js';
import { type StripMoments, stripSweep } from './transfer-matrix-strip-sweep.js';
import { type Thermodynamics, completeThermodynamics, temperaturePair } from './thermodynamics.js';

/** How a strip is solved: sweep along an open strip, dense spectrum, or Krylov spectrum. */
export type StripAlgorithm = 'sweep' | 'dense' | 'krylov';

/** A strip orientation of a square-lattice model and the algorithm that solves it. */
export interface StripPlan {
  strip: Strip;
  algorithm: StripAlgorithm;
  /** Rough operation count, used to pick the cheapest orientation. */
  cost: number;
}

function plan(strip: Strip): StripPlan | undefined {
  const { width, length } = strip;
  if (width > MAX_STRIP_WIDTH) return undefined;
  const states = 2 ** width;
  if (!strip.alongPeriodic) return { strip, algorithm: 'sweep', cost: length * width * states * 2 };
  if (width <= DENSE_STRIP_WIDTH) return { strip, algorithm: 'dense', cost: 12 * states ** 3 };
  // Krylov: a few hundred row products (W 2^W each) and re-orthogonalisation against the basis.
  return { strip, algorithm: 'krylov', cost: 200 * 200 * states * 4 };
}

/**
 * The cheapest way to treat a uniform square-lattice model as a strip (either dimension can be
 * the width), or the reason none applies: not a uniform square lattice, or both sides wider
 * than 16.
 *
 * @example
 * stripPlan(squareModel(6, 200, { boundary: ['periodic', 'open'] })); // sweep, width 6
 */
export function stripPlan(model: IsingModel): StripPlan | { reason: string } {
  const lattice = uniformSquareLattice(model);
  if ('reason' in lattice) return { reason: lattice.reason };
  const [lx, ly] = lattice.size;
  const [bx, by] = lattice.boundary;
  const common = { coupling: lattice.coupling, field: lattice.field };
  const options = [
    plan({ width: lx, length: ly, acrossPeriodic: bx === 'periodic', alongPeriodic: by === 'periodic', ...common }),
    plan({ width: ly, length: lx, acrossPeriodic: by === 'periodic', alongPeriodic: bx === 'periodic', ...common }),
  ].filter((p): p is StripPlan => p !== undefined);
  if (options.length === 0) return { reason: `both sides (${lx} and ${ly}) are wider than ${MAX_STRIP_WIDTH}` };
  return options.reduce((best, p) => (p.cost < best.cost ? p : best));
}

/**
 * Human description of a plan, for `note` and `gibbs model`.
 *
 * @example
 * describeStripPlan(stripPlan(squareModel(6, 100)) as StripPlan); // 'strip W = 6 (periodic across) x L = 100 ...'
 */
export function describeStripPlan(p: StripPlan): string {
  const { width, length, acrossPeriodic, alongPeriodic } = p.strip;
  const how = p.algorithm === 'sweep' ? 'site-by-site sweep' : p.algorithm === 'dense' ? `all ${2 ** width} eigenvalues` : `leading eigenvalues (Krylov, certified tail${length < 3 * width ? '; a strip this short may be refused' : ''})`;
  return `strip W = ${width} (${acrossPeriodic ? 'periodic' : 'open'} across) x L = ${length} (${alongPeriodic ? 'periodic' : 'open'} along): ${how}`;
}

/**
 * Solve a strip at one beta with the planned algorithm.
 *
 * @example
 * solveStrip(stripPlan(squareModel(6, 100, { field: 0.1 })) as StripPlan, 0.4).energy.mean; // U
 */
export function solveStrip(p: StripPlan, beta: number): StripMoments {
  if (p.algorithm === 'sweep') return stripSweep(p.strip, beta);
  if (p.algorithm === 'dense') return stripDense(p.strip, beta);
  return stripKrylov(p.strip, beta);
}

/** Options for {@link stripTransferMatrix}. */
export interface StripOptions {
  temperature?: number;
  beta?: number;
}

/**
 * Exact thermodynamics of a uniform square-lattice model (coupling J on every bond, field h on
 * every site; E = J sum_<nm> s_n s_m + h sum s_n, ferromagnet J < 0) that is a strip of width
 * W <= 16: periodic or open across, periodic or open along, any length. Open along: a
 * site-by-site sweep, O(L W 2^W). Periodic along: Z = Tr(T^L) from the full spectrum of the
 * row-to-row matrix when W <= 8, and from its leading eigenvalues with a certified bound on the
 * rest (below 1e-13 of Z, else an error) for wider strips. Returns log Z, F, U, S, C, <M>, <M^2>
 * and chi; <|M|> is not available from a transfer matrix and is omitted.
 *
 * @example
 * const t = stripTransferMatrix(squareModel(8, 500, { coupling: -1, field: 0.05 }), { temperature: 2.3 });
 */
export function stripTransferMatrix(model: IsingModel, options: StripOptions): Thermodynamics {
  const { temperature, beta } = temperaturePair(options);
  const p = stripPlan(model);
  if ('reason' in p) throw invalidValue('transfer-matrix', model.description, `a uniform square-lattice strip of width <= ${MAX_STRIP_WIDTH} (${p.reason})`);
  const { energy, magnetization } = solveStrip(p, beta);
  return completeThermodynamics({
    method: 'transfer-matrix',
    temperature,
    beta,
    spins: model.size,
    logZ: energy.logWeight,
    energy: energy.mean,
    heatCapacity: beta * beta * energy.variance,
    magnetization: magnetization.mean,
    magnetizationSquared: magnetization.variance + magnetization.mean ** 2,
    susceptibility: beta * magnetization.variance,
    note: describeStripPlan(p),
  });
}
