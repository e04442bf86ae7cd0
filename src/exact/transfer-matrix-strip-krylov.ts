import { GibbsError } from '../core/errors.js';
import { KrylovEigensolver, type RitzPairs } from './krylov-eigen.js';
import { RowOperator } from './row-operator.js';
import type { Strip } from './strip.js';
import { pairWeight, stripDense } from './transfer-matrix-strip-dense.js';
import { type StripMoments, stripSweep } from './transfer-matrix-strip-sweep.js';

/**
 * Periodic strips wider than 8 by the leading eigenvalues of the row-to-row matrix T (never
 * stored: T v costs W 2^W), with every neglected term bounded rigorously.
 *
 * Z = Tr(T^L) = sum_k lambda_k^L. A Krylov solver (block start, full re-orthogonalisation)
 * finds converged eigenpairs S. What it has not found is bounded with a trace that is computed
 * exactly by a small transfer matrix in the other direction: Tr(T^{2q}) is the partition
 * function of a W x 2q torus (q = 4 when L >= 8), so
 *
 *   tau = Tr(T^{2q}) - sum_{S} theta^{2q}  >=  sum_{k not in S} lambda_k^{2q}  (plus a rounding allowance),
 *   rho = tau^{1/2q} >= max_{k not in S} |lambda_k|,  sum_{k not in S} |lambda_k|^L <= rho^{L-2q} tau.
 *
 * Derivatives (U, C, <M>, chi) use T' = D o T, T'' = D^2 o T (applied as jets, centred on the
 * mean): Z' = L sum_S theta^{L-1} A_kk and
 *   Z'' = L sum_S theta^{L-1} B_kk + L sum_{j,k in S} A_jk^2 S(theta_j, theta_k) + 2 L sum_{j in S} H_j,
 * where H_j = sum_{k not in S} A_jk^2 S(theta_j, lambda_k) = theta_j^{L-1} <q_j, (theta_j - T)^{-1} q_j>
 * (up to a bounded r^{L-1} term) with q_j the part of T' u_j outside span(S), solved by
 * conjugate gradients on that complement. Every truncation (unfound eigenvalues in Z, Z', Z'';
 * pairs outside S; the geometric tail of H_j; the CG residual) has an explicit bound, and the
 * result is returned only when all of them are below 1e-13 of what they perturb; otherwise the
 * basis grows, up to a limit, and then a clear error says the strip is too short for the method.
 */

/** Relative size of all neglected terms that the result must certify. */
const CERTIFIED = 1e-13;
/** Krylov vectors processed per round. */
const ROUND = 24;

/** At most this many Krylov vectors (re-orthogonalisation costs ~ vectors^2 * states). */
function maxVectors(states: number): number {
  return Math.min(states, 480, Math.floor(Math.sqrt(3e9 / states)));
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Tr(T^{2q}) of the true row matrix with its energy and magnetisation moments: the W x 2q torus,
 * solved exactly by a transfer matrix along W (width 2q <= 8).
 */
function tracePower(strip: Strip, twoQ: number, beta: number): StripMoments {
  const other: Strip = { width: twoQ, length: strip.width, acrossPeriodic: true, alongPeriodic: strip.acrossPeriodic, coupling: strip.coupling, field: strip.field };
  return other.alongPeriodic ? stripDense(other, beta) : stripSweep(other, beta);
}

/** Certified spectral data: retained pairs (scaled by theta_0) and the tail bounds. */
interface Spectrum {
  pairs: RitzPairs;
  vectors: Float64Array[];
  /** theta_k / theta_0 */
  ratios: Float64Array;
  theta0: number;
  /** bound on max |lambda| / theta_0 outside the retained set */
  rho: number;
  /** bound on sum_{outside} (lambda / theta_0)^{2q} */
  tau: number;
  twoQ: number;
  /** Tr(T^2) / theta_0^2 */
  trace2: number;
  /** The W x 2 torus (weights T_xy^2): its moments give ||T'||_F^2 exactly. */
  twoRow: StripMoments;
  /** sum_S (theta/theta_0)^L */
  z: number;
}

/** Bound on sum_{outside} |lambda/theta_0|^m. */
function tailSum(s: Spectrum, m: number, outside: number): number {
  if (m >= s.twoQ) return Math.pow(s.rho, m - s.twoQ) * s.tau;
  return Math.pow(outside, 1 - m / s.twoQ) * Math.pow(s.tau, m / s.twoQ);
}

function certifySpectrum(pairs: RitzPairs, logTrace: number, twoRow: StripMoments, logTrace2: number, twoQ: number, length: number, size: number): Spectrum | undefined {
  if (pairs.values.length === 0) return undefined;
  const theta0 = Math.abs(pairs.values[0]);
  const trace = Math.exp(logTrace - twoQ * Math.log(theta0));
  const trace2 = Math.exp(logTrace2 - 2 * Math.log(theta0));
  let found = 0;
  for (let k = 0; k < pairs.values.length; k++) found += Math.pow(pairs.values[k] / theta0, twoQ);
  // Rounding allowance: the trace and the Ritz values are accurate to ~1e-15 relative. When the
  // pairs span the whole space nothing is left out.
  const complete = pairs.values.length === size;
  const tau = complete ? 0 : Math.max(0, trace - found) + 1e-14 * trace;
  const rho = Math.pow(tau, 1 / twoQ);
  if (rho >= 1) return undefined;
  const keep = pairs.values.length;
  const retained = pairs;
  const ratios = retained.values.map((v) => v / theta0);
  let z = 0;
  for (let k = 0; k < keep; k++) z += Math.pow(ratios[k], length);
  const spectrum: Spectrum = { pairs: retained, vectors: [], ratios, theta0, rho, tau, twoQ, trace2, twoRow, z };
  // Z itself: the unfound eigenvalues contribute at most tailSum(L).
  if (tailSum(spectrum, length, size - keep) > CERTIFIED * z) return undefined;
  spectrum.vectors = retained.vectors();
  return spectrum;
}

/**
 * First and second log-derivatives of Z along one direction, or (when a bound is not yet below
 * the target) by what factor the neglected terms still exceed it.
 */
function derivatives(op: RowOperator, s: Spectrum, direction: 'beta' | 'field', length: number, beta: number): { d1: number; d2: number } | { shortfall: number } {
  const { vectors, ratios, theta0, z } = s;
  const count = ratios.length;
  const n = op.size;
  const outside = n - count;
  const t0 = new Float64Array(n);
  const t1 = new Float64Array(n);
  const t2 = new Float64Array(n);
  const pow = (x: number, m: number) => Math.pow(x, m);
  // Uncentred first derivative, for the centre.
  let z1 = 0;
  for (let j = 0; j < count; j++) {
    op.jet(direction, 0, vectors[j], t0, t1, t2);
    z1 += pow(ratios[j], length - 1) * (dot(vectors[j], t1) / theta0);
  }
  const d1 = (length * z1) / z;
  const shift = -d1 / length;
  // Centred jets: A (S x S), B_jj, and the parts of T' u_j outside span(S).
  const a = new Float64Array(count * count);
  const b = new Float64Array(count);
  const outsideParts: Float64Array[] = [];
  for (let j = 0; j < count; j++) {
    op.jet(direction, shift, vectors[j], t0, t1, t2);
    b[j] = dot(vectors[j], t2) / theta0;
    const q = Float64Array.from(t1);
    for (let k = 0; k < count; k++) {
      const c = dot(vectors[k], t1);
      a[k * count + j] = c / theta0;
      for (let x = 0; x < n; x++) q[x] -= c * vectors[k][x];
    }
    for (let x = 0; x < n; x++) q[x] /= theta0;
    outsideParts.push(q);
  }
  // ||T_c'||_F^2 = sum_xy D_xy^2 T_xy^2 exactly, from the W x 2 torus (weights T_xy^2, energy
  // E_2 = 2 eps_xy, magnetisation M_2 = M_x + M_y): Tr(T^2) (Var + (mean - centre)^2) of D.
  const { energy: e2, magnetization: m2 } = s.twoRow;
  const centre = direction === 'beta' ? e2.mean / 2 - op.logScale / beta + shift : -beta * (m2.mean / 2) + shift;
  const spread = direction === 'beta' ? e2.variance / 4 : (beta * beta * m2.variance) / 4;
  let outsideMass = s.trace2 * (spread + centre * centre);
  let second = 0;
  let firstCentred = 0;
  for (let j = 0; j < count; j++) {
    outsideMass -= dot(outsideParts[j], outsideParts[j]);
    for (let k = 0; k < count; k++) outsideMass -= 0.25 * (a[j * count + k] + a[k * count + j]) ** 2;
    second += length * pow(ratios[j], length - 1) * b[j];
    firstCentred += length * pow(ratios[j], length - 1) * a[j * count + j];
    for (let k = 0; k < count; k++) {
      const ajk = 0.5 * (a[j * count + k] + a[k * count + j]);
      second += length * ajk * ajk * pairWeight(ratios[j], ratios[k], length);
    }
  }
  // Pairs (j in S, k outside): 2 L sum_j H_j.
  const bound = op.derivativeBound(direction, shift);
  let error = 0;
  const apply = (v: Float64Array, out: Float64Array) => {
    op.apply(v, out);
    for (let x = 0; x < n; x++) out[x] /= theta0;
    for (let k = 0; k < count; k++) {
      const c = dot(vectors[k], out);
      for (let x = 0; x < n; x++) out[x] -= c * vectors[k][x];
    }
  };
  for (let j = 0; j < count; j++) {
    const q = outsideParts[j];
    const qq = dot(q, q);
    if (qq === 0) continue;
    const theta = ratios[j];
    const r = s.rho / Math.abs(theta);
    const weight = Math.abs(pow(theta, length - 2));
    if (r > 1 / 1.02) {
      // theta_j is not above the bound on the unfound eigenvalues: bound its pairs instead,
      // |S(theta_j, lambda_k)| <= (L - 1) max(|theta_j|, rho)^{L-2}.
      error += 2 * length * qq * (length - 1) * pow(Math.max(Math.abs(theta), s.rho), length - 2);
      continue;
    }
    // Skip pairs whose whole contribution is negligible: |H_j| <= weight qq / (1 - r).
    if ((2 * length * weight * qq) / (1 - r) <= 1e-17 * Math.abs(second)) {
      error += (2 * length * weight * qq) / (1 - r);
      continue;
    }
    const solved = resolvent(apply, q, theta, r);
    if (!solved) return { shortfall: Infinity };
    second += 2 * length * pow(theta, length - 1) * solved.value;
    error += 2 * length * (Math.abs(pow(theta, length - 1)) * solved.error + (weight * qq * pow(r, length - 1)) / (1 - r));
  }
  firstCentred /= z;
  const d2 = second / z - firstCentred * firstCentred;
  // Neglected: eigenvalues outside S in Z' and Z'' (diagonal terms) and pairs with both outside.
  const tailFirst = length * bound * tailSum(s, length - 1, outside);
  // Pairs with both eigenvalues outside S: |S(lambda_j, lambda_k)| <= (L - 1) rho^{L-2} times
  // sum_{j,k outside} A_jk^2 <= ||T'||_F^2 - sum_{j in S} ||T' u_j||^2 (plus a rounding allowance).
  const pairsOutside = Math.max(0, outsideMass) + 1e-14 * s.trace2 * (spread + centre * centre);
  const tailSecond = length * bound * bound * tailSum(s, length - 1, outside) + length * (length - 1) * pow(s.rho, length - 2) * pairsOutside + error;
  const scale = Math.max(Math.abs(d2), 1e-300);
  const shortfall = Math.max(tailFirst / z / (CERTIFIED * Math.max(Math.abs(d1), bound)), tailSecond / z / (CERTIFIED * scale));
  return shortfall > 1 ? { shortfall } : { d1, d2 };
}

/**
 * (theta - T)^{-1} restricted to the complement of S, applied to q and dotted with q, by
 * conjugate gradients on sign(theta) (theta - T), which is positive definite there because
 * |theta| > rho >= |lambda| outside S. Returns the value and a bound on its error.
 */
function resolvent(apply: (v: Float64Array, out: Float64Array) => void, q: Float64Array, theta: number, r: number): { value: number; error: number } | undefined {
  const n = q.length;
  const sign = theta > 0 ? 1 : -1;
  const x = new Float64Array(n);
  const res = Float64Array.from(q);
  const p = Float64Array.from(q);
  const ap = new Float64Array(n);
  const qNorm = Math.sqrt(dot(q, q));
  let rr = dot(res, res);
  // The operator's smallest eigenvalue on the complement is >= |theta| - rho.
  const lower = Math.abs(theta) * (1 - r);
  for (let it = 0; it < 4000; it++) {
    apply(p, ap);
    for (let i = 0; i < n; i++) ap[i] = sign * (theta * p[i] - ap[i]);
    const alpha = rr / dot(p, ap);
    for (let i = 0; i < n; i++) {
      x[i] += alpha * p[i];
      res[i] -= alpha * ap[i];
    }
    const next = dot(res, res);
    if (Math.sqrt(next) <= 1e-15 * qNorm) {
      // |<q, x - x*>| <= ||q|| ||residual|| / lower.
      return { value: sign * dot(q, x), error: (qNorm * Math.sqrt(next)) / lower + 1e-15 * Math.abs(dot(q, x)) };
    }
    const beta = next / rr;
    rr = next;
    for (let i = 0; i < n; i++) p[i] = res[i] + beta * p[i];
  }
  return undefined;
}

/**
 * Exact (certified to 1e-13) thermodynamics of a strip periodic along its length, for widths
 * beyond the dense limit (W > 8): see the module comment. Throws a GibbsError when the strip is too
 * short (or too close to criticality) for the leading eigenvalues to certify the result.
 *
 * @example
 * stripKrylov({ width: 12, length: 400, acrossPeriodic: true, alongPeriodic: true, coupling: -1, field: 0.1 }, 0.4);
 */
export function stripKrylov(strip: Strip, beta: number): StripMoments {
  const { length } = strip;
  if (!strip.alongPeriodic) throw new Error('stripKrylov: the strip must be periodic along its length');
  const op = new RowOperator(strip, beta);
  const twoQ = Math.max(2, Math.min(8, 2 * Math.floor(length / 2)));
  const logTrace = tracePower(strip, twoQ, beta).energy.logWeight - twoQ * op.logScale;
  const twoRow = tracePower(strip, 2, beta);
  const logTrace2 = twoRow.energy.logWeight - 2 * op.logScale;
  const solver = new KrylovEigensolver((v, out) => op.apply(v, out), op.size, 4, 1);
  const limit = maxVectors(op.size);
  let previous: { dimension: number; logRho: number } | undefined;
  while (solver.dimension < limit) {
    solver.extend(ROUND);
    const spectrum = certifySpectrum(solver.ritz(1e-13), logTrace, twoRow, logTrace2, twoQ, length, op.size);
    if (!spectrum) continue;
    const energy = derivatives(op, spectrum, 'beta', length, beta);
    const magnetization = 'shortfall' in energy ? energy : derivatives(op, spectrum, 'field', length, beta);
    if ('shortfall' in energy || 'shortfall' in magnetization) {
      // The neglected pairs shrink like rho^(L-2): extrapolate how fast rho falls per processed
      // vector, and give up as soon as the budget cannot close the remaining gap.
      const shortfall = 'shortfall' in energy ? energy.shortfall : 'shortfall' in magnetization ? magnetization.shortfall : 1;
      const logRho = Math.log(spectrum.rho);
      if (previous && Number.isFinite(shortfall) && logRho < previous.logRho) {
        const perVector = (previous.logRho - logRho) / (solver.dimension - previous.dimension);
        const needed = Math.log(shortfall) / Math.max(1, length - 2) / perVector;
        if (solver.dimension + needed > limit) break;
      }
      previous = { dimension: solver.dimension, logRho };
      continue;
    }
    const logZ = length * (op.logScale + Math.log(spectrum.theta0)) + Math.log(spectrum.z);
    // log Z = L logScale(beta) + log Tr(T^L): logScale = beta (W|J| - E_min) adds L (W|J| - E_min) to -U.
    const perRow = op.logScale / beta;
    return {
      energy: { logWeight: logZ, mean: -(energy.d1 + length * perRow), variance: energy.d2 },
      magnetization: { logWeight: logZ, mean: -magnetization.d1 / beta, variance: magnetization.d2 / (beta * beta) },
    };
  }
  throw new GibbsError(`transfer-matrix: the periodic ${strip.width}x${length} strip at T = ${1 / beta} needs more eigenvalues of its ${op.size}-state row matrix than the Krylov method can find (${limit} vectors) for a certified result: it is too short along, or too close to T_c; use a longer strip, open boundaries along it, enumeration (N <= 36) or Monte Carlo`, 'method');
}

