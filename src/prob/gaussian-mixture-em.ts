/**
 * Maximum-likelihood Gaussian mixtures by expectation–maximisation (Dempster, Laird & Rubin 1977;
 * Bishop, PRML sec. 9.2), initialised by k-means++ and k-means, with several restarts.
 *
 * Each iteration is one fused pass over the data: the E-step responsibilities under the current
 * parameters are accumulated straight into the M-step's weighted sums (no n x K matrix is stored).
 * Sums are taken around the current means, so the new covariance is S/N - delta delta^T with a
 * small shift delta: no cancellation when the data sit far from the origin.
 *
 * Regularisation adds eps to every variance (scikit-learn's reg_covar). That M-step is the exact
 * maximiser of the expected complete log-likelihood with an extra -eps/2 tr(Sigma_k^-1) per point,
 * so the E-step includes that term too: EM then maximises L_eps(theta) = sum_i log sum_k w_k
 * N(x_i | mu_k, Sigma_k) exp(-eps tr(Sigma_k^-1) / 2), which therefore never decreases
 * (for eps = 0 it is the log-likelihood itself). The reported logLikelihood is always the plain one.
 */
import { GibbsError, invalidValue } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { type DataMatrix, requireDataMatrix } from './data-matrix.js';
import { type CovarianceType, GaussianMixture, type GaussianMixtureParameters, covarianceSize } from './gaussian-mixture.js';
import { kmeans, kmeansPlusPlus } from './kmeans.js';
import { type GmmKernels, loadGmmKernels } from './wasm-kernels.js';

/** Options of {@link fitGaussianMixture}. */
export interface GaussianMixtureFitOptions {
  /** Number of components K. */
  components: number;
  /** 'full' (default), 'diag' or 'spherical'. */
  covarianceType?: CovarianceType;
  /** Added to every variance (scikit-learn's reg_covar); default 1e-6. */
  regularization?: number;
  /** Stop when the objective changes by less than this per point; default 1e-5. */
  tolerance?: number;
  /** Iteration cap per restart; default 500. */
  maxIterations?: number;
  /** Independent k-means++ initialisations; the best final log-likelihood wins. Default 3. */
  restarts?: number;
  /** Random stream for the initialisations (default: seed 0). */
  rng?: Rng;
  /** Start from these parameters instead (one run, no k-means). */
  init?: GaussianMixtureParameters;
  /** Called after every iteration (for progress bars). */
  onIteration?: (info: { restart: number; iteration: number; objective: number }) => void;
}

/** One EM run's convergence record. */
export interface EmRun {
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** The monotone objective L_eps before each M-step (equal to the log-likelihood when regularization is 0). */
  history: number[];
}

/** Result of {@link fitGaussianMixture}. */
export interface GaussianMixtureFit extends EmRun {
  model: GaussianMixture;
  bic: number;
  tolerance: number;
  maxIterations: number;
  regularization: number;
  /** Every restart's outcome, in order. */
  restarts: Array<Omit<EmRun, 'history'>>;
}

/** Weighted sums of one fused E+M pass, taken around the current means. */
export interface Accumulators {
  n: Float64Array; // K
  s1: Float64Array; // K x d, sums of r (x - mu)
  s2: Float64Array; // full: K x d x d lower; diag/spherical: K x d, sums of r (x - mu)^2
  diff: Float64Array; // scratch: K x d (diagonal kernels) or 4 x d interleaved (full)
  lp: Float64Array; // scratch: K (diagonal kernels) or BLOCK x K responsibilities (full)
  picked: Int32Array; // scratch: BLOCK point indices
}

function requireOptions(x: DataMatrix, o: GaussianMixtureFitOptions) {
  requireDataMatrix(x);
  const k = o.components;
  if (!Number.isInteger(k) || k < 1 || k > x.rows) throw invalidValue('components', k, `an integer from 1 to the number of points (${x.rows})`);
  const type = o.covarianceType ?? 'full';
  if (type !== 'full' && type !== 'diag' && type !== 'spherical') throw invalidValue('covariance', type, 'full, diag or spherical');
  const regularization = o.regularization ?? 1e-6;
  if (!(regularization >= 0) || !Number.isFinite(regularization)) throw invalidValue('regularization', regularization, 'a finite number >= 0');
  const tolerance = o.tolerance ?? 1e-5;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) throw invalidValue('tolerance', tolerance, 'a finite number >= 0');
  const maxIterations = o.maxIterations ?? 500;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw invalidValue('maxIterations', maxIterations, 'an integer >= 1');
  const restarts = o.restarts ?? 3;
  if (!Number.isInteger(restarts) || restarts < 1) throw invalidValue('restarts', restarts, 'an integer >= 1');
  return { k, type, regularization, tolerance, maxIterations, restarts };
}

/**
 * Fit a Gaussian mixture by EM. The objective never decreases (see the module comment); the run
 * stops when it changes by less than `tolerance` per point or after `maxIterations`.
 * @example
 * const fit = fitGaussianMixture({ data, rows: n, cols: 2 }, { components: 3, rng: Rng.fromSeed(1) });
 * fit.model.weights; fit.logLikelihood; fit.converged;
 */
export function fitGaussianMixture(x: DataMatrix, options: GaussianMixtureFitOptions): GaussianMixtureFit {
  const { k, type, regularization, tolerance, maxIterations, restarts } = requireOptions(x, options);
  const rng = options.rng ?? Rng.fromSeed(0);
  let best: { model: GaussianMixture; run: EmRun } | null = null;
  const runs: Array<Omit<EmRun, 'history'>> = [];
  const count = options.init ? 1 : restarts;
  for (let r = 0; r < count; r++) {
    const start = options.init ? new GaussianMixture(options.init) : initialMixture(x, k, type, regularization, rng);
    if (start.dim !== x.cols || start.components !== k || start.covarianceType !== type) {
      throw new GibbsError(`init: a ${start.components}-component ${start.covarianceType} mixture in ${start.dim} dimensions does not match components=${k}, covariance=${type}, data with ${x.cols} columns`, 'init');
    }
    const result = runEm(x, start, regularization, tolerance, maxIterations, (iteration, objective) => options.onIteration?.({ restart: r, iteration, objective }));
    runs.push({ logLikelihood: result.run.logLikelihood, iterations: result.run.iterations, converged: result.run.converged });
    if (best === null || result.run.logLikelihood > best.run.logLikelihood) best = result;
  }
  const { model, run } = best as { model: GaussianMixture; run: EmRun };
  return { model, ...run, bic: -2 * run.logLikelihood + model.parameterCount() * Math.log(x.rows), tolerance, maxIterations, regularization, restarts: runs };
}

/** k-means++ then k-means, then one M-step from the hard labels (scikit-learn's init_params='kmeans'). */
export function initialMixture(x: DataMatrix, k: number, type: CovarianceType, regularization: number, rng: Rng): GaussianMixture {
  const { labels, centers } = kmeans(x, kmeansPlusPlus(x, k, rng));
  const acc = hardAssignmentSums(x, labels, centers, k, type);
  return mStep(acc, centers, k, x.cols, type, regularization);
}

/** The accumulators of hard assignments (responsibilities 0 or 1), taken around `centers`. */
export function hardAssignmentSums(x: DataMatrix, labels: Int32Array, centers: Float64Array, k: number, type: CovarianceType): Accumulators {
  const d = x.cols;
  const acc = newAccumulators(k, d, type);
  for (let i = 0; i < x.rows; i++) {
    const c = labels[i];
    acc.n[c] += 1;
    for (let a = 0; a < d; a++) {
      const v = x.data[i * d + a] - centers[c * d + a];
      acc.s1[c * d + a] += v;
      if (type === 'full') for (let b = 0; b <= a; b++) acc.s2[c * d * d + a * d + b] += v * (x.data[i * d + b] - centers[c * d + b]);
      else acc.s2[c * d + a] += v * v;
    }
  }
  return acc;
}

/** Zeroed accumulators (and scratch) for K components in d dimensions. */
export function newAccumulators(k: number, d: number, type: CovarianceType): Accumulators {
  return { n: new Float64Array(k), s1: new Float64Array(k * d), s2: new Float64Array(type === 'full' ? k * d * d : k * d), diff: new Float64Array(Math.max(4, k) * d), lp: new Float64Array(BLOCK * k), picked: new Int32Array(BLOCK) };
}

/** New parameters from sums of r, r (x - mu) and r (x - mu)(x - mu)^T taken around `centre` (K x d). */
function mStep(acc: Accumulators, centre: Float64Array, k: number, d: number, type: CovarianceType, eps: number): GaussianMixture {
  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  const covariances = new Float64Array(k * covarianceSize(type, d));
  let total = 0;
  for (let c = 0; c < k; c++) total += acc.n[c] + 10 * Number.EPSILON;
  const shift = new Float64Array(d);
  for (let c = 0; c < k; c++) {
    const nk = acc.n[c] + 10 * Number.EPSILON; // as scikit-learn: an empty component keeps finite parameters
    weights[c] = nk / total;
    for (let a = 0; a < d; a++) {
      shift[a] = acc.s1[c * d + a] / nk;
      means[c * d + a] = centre[c * d + a] + shift[a];
    }
    if (type === 'full') {
      for (let a = 0; a < d; a++) {
        for (let b = 0; b <= a; b++) {
          const v = acc.s2[c * d * d + a * d + b] / nk - shift[a] * shift[b] + (a === b ? eps : 0);
          covariances[c * d * d + a * d + b] = v;
          covariances[c * d * d + b * d + a] = v;
        }
      }
    } else {
      let sum = 0;
      for (let a = 0; a < d; a++) {
        const v = acc.s2[c * d + a] / nk - shift[a] * shift[a];
        if (type === 'diag') covariances[c * d + a] = v + eps;
        sum += v;
      }
      if (type === 'spherical') covariances[c] = sum / d + eps;
    }
  }
  try {
    return new GaussianMixture({ covarianceType: type, dim: d, weights, means, covariances });
  } catch (error) {
    if (error instanceof GibbsError && /covariances/.test(error.message)) {
      throw new GibbsError(`fit failed: a component's covariance became singular (${error.message}); use fewer components or a larger regularization`, 'regularization');
    }
    throw error;
  }
}

/** -eps/2 tr(Sigma_k^-1) per component: the regulariser's term in the EM objective. */
function regularizerTerms(model: GaussianMixture, eps: number): Float64Array {
  const { components: k, dim: d, whitening } = model;
  const out = new Float64Array(k);
  if (eps === 0) return out;
  for (let c = 0; c < k; c++) {
    let trace = 0;
    if (model.covarianceType === 'full') {
      for (let i = c * d * d; i < (c + 1) * d * d; i++) trace += whitening[i] * whitening[i]; // tr(P^T P), P = L^-1
    } else if (model.covarianceType === 'diag') {
      for (let a = 0; a < d; a++) trace += whitening[c * d + a] * whitening[c * d + a];
    } else {
      trace = d * whitening[c];
    }
    out[c] = -0.5 * eps * trace;
  }
  return out;
}

function runEm(x: DataMatrix, start: GaussianMixture, eps: number, tolerance: number, maxIterations: number, onIteration: (iteration: number, objective: number) => void): { model: GaussianMixture; run: EmRun } {
  const { components: k, dim: d, covarianceType: type } = start;
  const acc = newAccumulators(k, d, type);
  const logConst = new Float64Array(k);
  let model = start;
  const history: number[] = [];
  let converged = false;
  let iteration = 0;
  while (iteration < maxIterations) {
    const reg = regularizerTerms(model, eps);
    for (let c = 0; c < k; c++) logConst[c] = model.logConstants[c] + reg[c];
    const objective = fusedPass(x, type, logConst, model.whitening, model.means, acc);
    history.push(objective);
    model = mStep(acc, model.means, k, d, type, eps);
    iteration++;
    onIteration(iteration, objective);
    if (history.length > 1 && Math.abs(objective - history[history.length - 2]) < tolerance * x.rows) {
      converged = true;
      break;
    }
  }
  return { model, run: { logLikelihood: model.logLikelihood(x), iterations: iteration, converged, history } };
}

/**
 * One pass over the data: responsibilities r_ik ∝ exp(logConst_k - |whitened (x_i - mean_k)|^2 / 2)
 * accumulated into `acc` (zeroed first) around `means`. Returns sum_i log sum_k exp(...), the
 * objective. Shared by EM and variational Bayes (whose E-step has the same form). Full
 * covariances in 4 or more dimensions use the WebAssembly SIMD kernels when the runtime has them
 * (`kernels: 'javascript'` forces the JavaScript ones, for tests).
 */
export function fusedPass(x: DataMatrix, type: CovarianceType, logConst: Float64Array, whitening: Float64Array, means: Float64Array, acc: Accumulators, kernels: 'auto' | 'javascript' = 'auto'): number {
  acc.n.fill(0);
  acc.s1.fill(0);
  acc.s2.fill(0);
  const k = logConst.length;
  if (type === 'full') {
    // WebAssembly SIMD pays off from a few dimensions on (the O(d^2) loops dominate)
    const wasm = kernels === 'auto' && x.cols >= 4 ? loadGmmKernels() : null;
    if (wasm) return passFullWasm(wasm, x.data, x.rows, x.cols, k, logConst, whitening, means, acc);
    return passFull(x.data, x.rows, x.cols, k, logConst, whitening, means, acc);
  }
  return passDiagonal(x.data, x.rows, x.cols, k, logConst, whitening, means, acc, type === 'spherical');
}

/**
 * Responsibilities below this are not accumulated into the M-step sums: for a component holding
 * at least one point's worth of responsibility, all of them together move its sums by less than
 * n * 1e-17 relative, far below the 1e-6 agreement we check against scikit-learn. With separated
 * clusters this skips most (point, component) pairs of the M-step.
 */
const NEGLIGIBLE_RESPONSIBILITY = 1e-17;
const BLOCK = 64;

/** dv[base + 4a + p] = x_p[a] - mean[a] for four points at offsets o0..o3 (interleaved for the kernels). */
function differences(dv: Float64Array, base: number, data: Float64Array, o0: number, o1: number, o2: number, o3: number, means: Float64Array, mb: number, d: number): void {
  for (let a = 0; a < d; a++) {
    const m = means[mb + a];
    const a4 = base + 4 * a;
    dv[a4] = data[o0 + a] - m;
    dv[a4 + 1] = data[o1 + a] - m;
    dv[a4 + 2] = data[o2 + a] - m;
    dv[a4 + 3] = data[o3 + a] - m;
  }
}

/** Normalise the block's log joints into responsibilities (in place); returns sum_p log sum_k. */
function normaliseBlock(resp: Float64Array, size: number, k: number): number {
  let objective = 0;
  for (let p = 0; p < size; p++) {
    const base = p * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (resp[base + c] > max) max = resp[base + c];
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(resp[base + c] - max);
      resp[base + c] = e;
      sum += e;
    }
    objective += max + Math.log(sum);
    const inv = 1 / sum;
    for (let c = 0; c < k; c++) resp[base + c] *= inv;
  }
  return objective;
}

/** Indices (into the block) of the points whose responsibility for component c is not negligible. */
function pickPoints(resp: Float64Array, size: number, k: number, c: number, picked: Int32Array): number {
  let count = 0;
  for (let p = 0; p < size; p++) if (resp[p * k + c] >= NEGLIGIBLE_RESPONSIBILITY) picked[count++] = p;
  return count;
}

/**
 * The full-covariance pass with the WebAssembly SIMD kernels doing the O(d^2) loops (same
 * blocks, same order of points as {@link passFull}; results agree to rounding).
 */
function passFullWasm(kernels: GmmKernels, data: Float64Array, n: number, d: number, k: number, logConst: Float64Array, whitening: Float64Array, means: Float64Array, acc: Accumulators): number {
  const { n: nk, s1, s2, lp: resp, picked } = acc;
  const dd = d * d;
  const dp = d + (d & 1); // rows of the M-step scratch padded to an even length (16-byte pairs)
  const even = (x: number) => x + (x & 1);
  const W = 0;
  const DV = even(W + k * dd);
  const DVP = DV + 4 * d;
  const R = even(DVP + 4 * dp);
  const OUT = R + 4;
  const S2 = OUT + 4;
  const mem = kernels.view(S2 + k * d * dp);
  mem.set(whitening, W);
  mem.fill(0, DVP, S2 + k * d * dp);
  let objective = 0;
  for (let start = 0; start < n; start += BLOCK) {
    const size = Math.min(BLOCK, n - start);
    const last = start + size - 1;
    for (let g = 0; g < size; g += 4) {
      const o0 = (start + g) * d;
      const o1 = Math.min(start + g + 1, last) * d;
      const o2 = Math.min(start + g + 2, last) * d;
      const o3 = Math.min(start + g + 3, last) * d;
      for (let c = 0; c < k; c++) {
        differences(mem, DV, data, o0, o1, o2, o3, means, c * d, d);
        kernels.quad4(8 * DV, 8 * (W + c * dd), d, 8 * OUT);
        const lc = logConst[c];
        resp[g * k + c] = lc - 0.5 * mem[OUT];
        resp[(g + 1) * k + c] = lc - 0.5 * mem[OUT + 1];
        resp[(g + 2) * k + c] = lc - 0.5 * mem[OUT + 2];
        resp[(g + 3) * k + c] = lc - 0.5 * mem[OUT + 3];
      }
    }
    objective += normaliseBlock(resp, size, k);
    for (let c = 0; c < k; c++) {
      const count = pickPoints(resp, size, k, c, picked);
      const mb = c * d;
      for (let g = 0; g < count; g += 4) {
        for (let p = 0; p < 4; p++) {
          const valid = g + p < count;
          const point = picked[valid ? g + p : g];
          const r = valid ? resp[point * k + c] : 0;
          mem[R + p] = r;
          nk[c] += r;
          const o = (start + point) * d;
          const row = DVP + p * dp;
          for (let a = 0; a < d; a++) {
            const t = data[o + a] - means[mb + a];
            mem[row + a] = t;
            s1[mb + a] += r * t;
          }
        }
        kernels.rank4(8 * DVP, 8 * R, 8 * (S2 + c * d * dp), d, dp);
      }
    }
  }
  for (let c = 0; c < k; c++) for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) s2[c * dd + a * d + b] = mem[S2 + c * d * dp + a * dp + b];
  return objective;
}

/**
 * One fused E+M pass for full covariances. Points are taken in blocks of 64. E-step: four points
 * at a time per component (each loaded matrix entry serves four multiply-adds; the differences
 * x - mu_k are stored interleaved, dv[4b + p]), y = P_k (x - mu_k) with P_k the inverse Cholesky
 * factor, log p = c_k - |y|^2/2, then the responsibilities of the block. M-step: per component,
 * the points of the block with non-negligible responsibility, four at a time, into the sums
 * r, r diff and r diff diff^T (lower triangle). Returns the objective sum_i log sum_k p_ik.
 */
function passFull(data: Float64Array, n: number, d: number, k: number, logConst: Float64Array, whitening: Float64Array, means: Float64Array, acc: Accumulators): number {
  const { n: nk, s1, s2, diff: dv, lp: resp, picked } = acc; // dv: 4 x d, resp: BLOCK x K, picked: BLOCK
  const dd = d * d;
  let objective = 0;
  for (let start = 0; start < n; start += BLOCK) {
    const size = Math.min(BLOCK, n - start);
    // E-step for the block, four points at a time
    for (let g = 0; g < size; g += 4) {
      const last = start + size - 1;
      const o0 = (start + g) * d;
      const o1 = Math.min(start + g + 1, last) * d;
      const o2 = Math.min(start + g + 2, last) * d;
      const o3 = Math.min(start + g + 3, last) * d;
      for (let c = 0; c < k; c++) {
        differences(dv, 0, data, o0, o1, o2, o3, means, c * d, d);
        let q0 = 0;
        let q1 = 0;
        let q2 = 0;
        let q3 = 0;
        for (let a = 0; a < d; a++) {
          const row = c * dd + a * d;
          let y0 = 0;
          let y1 = 0;
          let y2 = 0;
          let y3 = 0;
          for (let b = 0; b <= a; b++) {
            const w = whitening[row + b];
            const b4 = 4 * b;
            y0 += w * dv[b4];
            y1 += w * dv[b4 + 1];
            y2 += w * dv[b4 + 2];
            y3 += w * dv[b4 + 3];
          }
          q0 += y0 * y0;
          q1 += y1 * y1;
          q2 += y2 * y2;
          q3 += y3 * y3;
        }
        const lc = logConst[c];
        resp[g * k + c] = lc - 0.5 * q0;
        resp[(g + 1) * k + c] = lc - 0.5 * q1;
        resp[(g + 2) * k + c] = lc - 0.5 * q2;
        resp[(g + 3) * k + c] = lc - 0.5 * q3;
      }
    }
    objective += normaliseBlock(resp, size, k);
    // M-step sums for the block, per component over the points that matter
    for (let c = 0; c < k; c++) {
      const count = pickPoints(resp, size, k, c, picked);
      const mb = c * d;
      const sb = c * dd;
      for (let g = 0; g < count; g += 4) {
        const p0 = picked[g];
        const p1 = g + 1 < count ? picked[g + 1] : p0;
        const p2 = g + 2 < count ? picked[g + 2] : p0;
        const p3 = g + 3 < count ? picked[g + 3] : p0;
        const r0 = resp[p0 * k + c];
        const r1 = g + 1 < count ? resp[p1 * k + c] : 0;
        const r2 = g + 2 < count ? resp[p2 * k + c] : 0;
        const r3 = g + 3 < count ? resp[p3 * k + c] : 0;
        nk[c] += r0 + r1 + r2 + r3;
        const o0 = (start + p0) * d;
        const o1 = (start + p1) * d;
        const o2 = (start + p2) * d;
        const o3 = (start + p3) * d;
        differences(dv, 0, data, o0, o1, o2, o3, means, mb, d);
        for (let a = 0; a < d; a++) {
          const a4 = 4 * a;
          const x0 = r0 * dv[a4];
          const x1 = r1 * dv[a4 + 1];
          const x2 = r2 * dv[a4 + 2];
          const x3 = r3 * dv[a4 + 3];
          s1[mb + a] += x0 + x1 + x2 + x3;
          const row = sb + a * d;
          for (let b = 0; b <= a; b++) {
            const b4 = 4 * b;
            s2[row + b] += x0 * dv[b4] + x1 * dv[b4 + 1] + x2 * dv[b4 + 2] + x3 * dv[b4 + 3];
          }
        }
      }
    }
  }
  return objective;
}

/** One fused E+M pass for diagonal (or spherical) covariances; s2 holds per-dimension sums. */
function passDiagonal(data: Float64Array, n: number, d: number, k: number, logConst: Float64Array, whitening: Float64Array, means: Float64Array, acc: Accumulators, spherical: boolean): number {
  const { n: nk, s1, s2, diff, lp } = acc;
  let objective = 0;
  for (let i = 0; i < n; i++) {
    const off = i * d;
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      const mb = c * d;
      let q = 0;
      if (spherical) {
        for (let a = 0; a < d; a++) {
          const t = data[off + a] - means[mb + a];
          diff[mb + a] = t;
          q += t * t;
        }
        q *= whitening[c];
      } else {
        for (let a = 0; a < d; a++) {
          const t = data[off + a] - means[mb + a];
          diff[mb + a] = t;
          const w = t * whitening[mb + a];
          q += w * w;
        }
      }
      const v = logConst[c] - 0.5 * q;
      lp[c] = v;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(lp[c] - max);
      lp[c] = e;
      sum += e;
    }
    objective += max + Math.log(sum);
    const inv = 1 / sum;
    for (let c = 0; c < k; c++) {
      const r = lp[c] * inv;
      if (r < NEGLIGIBLE_RESPONSIBILITY) continue;
      nk[c] += r;
      const mb = c * d;
      for (let a = 0; a < d; a++) {
        const t = diff[mb + a];
        const rt = r * t;
        s1[mb + a] += rt;
        s2[mb + a] += rt * t;
      }
    }
  }
  return objective;
}
