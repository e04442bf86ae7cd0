import { type Strip, rowOverlap, rowTables } from './strip.js';
import type { StripMoments } from './transfer-matrix-strip-sweep.js';
import { symmetricEigen } from './symmetric-eigen.js';

/** Widest strip for which the periodic-along transfer matrix is diagonalised densely (2^8 = 256 states). */
export const DENSE_STRIP_WIDTH = 8;

/**
 * S(a, b) = sum_{m=0}^{L-2} a^m b^{L-2-m}, the weight of the pair (j, k) in
 * d^2 Tr(T^L) = L Tr(T'' T^{L-1}) + L sum_{j,k} |T'_jk|^2 S(lambda_j, lambda_k), evaluated without
 * cancellation for a close to b (via log1p / expm1) and for L up to 10^6 and beyond.
  *
  * @example
  * pairWeight(0.5, 0.5, 4); // 3 * 0.5^2 = 0.75
 */
export function pairWeight(a: number, b: number, length: number): number {
  const n = length - 1; // number of terms
  if (n <= 0) return 0;
  // Order so |big| >= |small|; S = big^{n-1} (1 - r^n) / (1 - r) with r = small / big.
  const big = Math.abs(a) >= Math.abs(b) ? a : b;
  const small = big === a ? b : a;
  if (big === 0) return n === 1 ? 1 : 0;
  const r = small / big;
  let factor: number;
  if (r === 1) factor = n;
  else if (r > 0.5) {
    // 1 - r^n = -expm1(n log r); 1 - r = (big - small) / big exactly as computed.
    const oneMinusR = (big - small) / big;
    factor = -Math.expm1(n * Math.log1p(-oneMinusR)) / oneMinusR;
  } else factor = (1 - Math.pow(r, n)) / (1 - r);
  return Math.pow(big, n - 1) * factor;
}

/**
 * log Z and its first two derivatives along one direction theta, for Z = Tr(T^L) with a
 * symmetric T(theta) whose entries are T_xy exp(theta D_xy) near theta = 0 (so T' = D o T,
 * T'' = D^2 o T elementwise), from the full eigen-decomposition T = V diag(lambda) V^T:
 *
 *   Z' = L sum_k lambda_k^{L-1} A_kk,   A = V^T (D o T) V
 *   Z'' = L sum_k lambda_k^{L-1} B_kk + L sum_{j,k} A_jk^2 S(lambda_j, lambda_k),  B = V^T (D^2 o T) V
 *
 * The second derivative is taken about the mean (D -> D - d1/L, which only shifts A's diagonal
 * by d1/L lambda), so no cancellation of O(L^2) terms occurs.
 */
function spectralDerivatives(t: Float64Array, d: Float64Array, values: Float64Array, vectors: Float64Array, n: number, length: number, z: number, powers: Float64Array): { d1: number; d2: number } {
  // A = V^T X V with X = D o T.
  const x = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) x[i] = d[i] * t[i];
  const a = congruence(x, vectors, n);
  let d1 = 0;
  for (let k = 0; k < n; k++) d1 += powers[k] * a[k * n + k];
  d1 *= length / z;
  const shift = d1 / length;
  for (let k = 0; k < n; k++) a[k * n + k] -= shift * values[k];
  // B_kk with D centred: (D - shift)^2 o T.
  for (let i = 0; i < n * n; i++) x[i] = (d[i] - shift) * (d[i] - shift) * t[i];
  const y = multiply(x, vectors, n);
  let second = 0;
  let firstCentred = 0;
  for (let k = 0; k < n; k++) {
    let bkk = 0;
    for (let i = 0; i < n; i++) bkk += vectors[i * n + k] * y[i * n + k];
    second += powers[k] * bkk;
    firstCentred += powers[k] * a[k * n + k];
  }
  second *= length;
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < n; k++) {
      const ajk = a[j * n + k];
      if (ajk !== 0) second += length * ajk * ajk * pairWeight(values[j], values[k], length);
    }
  }
  firstCentred *= length / z;
  return { d1, d2: second / z - firstCentred * firstCentred };
}

/** C = X V for n x n row-major matrices. */
function multiply(x: Float64Array, v: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < n; l++) {
      const xil = x[i * n + l];
      if (xil === 0) continue;
      const rowV = l * n;
      const rowC = i * n;
      for (let k = 0; k < n; k++) c[rowC + k] += xil * v[rowV + k];
    }
  }
  return c;
}

/** V^T X V. */
function congruence(x: Float64Array, v: Float64Array, n: number): Float64Array {
  const vt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vt[j * n + i] = v[i * n + j];
  return multiply(vt, multiply(x, v, n), n);
}

/**
 * Exact thermodynamics of a strip periodic along its length: Z = Tr(T^L) with the symmetric
 * row-to-row matrix T_xy = exp(-beta [E_row(x)/2 + E_row(y)/2 + J sum_i x_i y_i]), diagonalised
 * densely (2^W x 2^W, W <= 8). Z = sum_k lambda_k^L uses every eigenvalue, so nothing is
 * truncated; U, C, <M> and chi come from exact spectral formulas for the derivatives in beta and
 * in a uniform field (see {@link spectralDerivatives}).
 *
 * @example
 * stripDense({ width: 4, length: 1000, acrossPeriodic: true, alongPeriodic: true, coupling: -1, field: 0 }, 0.44);
 */
export function stripDense(strip: Strip, beta: number): StripMoments {
  const { width, length, coupling } = strip;
  const n = 2 ** width;
  const rows = rowTables(strip);
  // Pair energies eps_xy (row energies split between the two matrices that contain each row).
  const eps = new Float64Array(n * n);
  const mag = new Float64Array(n * n);
  let minEps = Infinity;
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      const e = 0.5 * (rows.energy[x] + rows.energy[y]) + coupling * rowOverlap(x, y, width);
      eps[x * n + y] = e;
      mag[x * n + y] = 0.5 * (rows.magnetization[x] + rows.magnetization[y]);
      if (e < minEps) minEps = e;
    }
  }
  const t = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) t[i] = Math.exp(-beta * (eps[i] - minEps));
  const { values, vectors } = symmetricEigen(t, n);
  // Scale by the largest |lambda| so every power stays <= 1.
  let top = 0;
  for (let k = 0; k < n; k++) top = Math.max(top, Math.abs(values[k]));
  const scaled = values.map((v) => v / top);
  for (let i = 0; i < n * n; i++) t[i] /= top;
  const powers = scaled.map((v) => Math.pow(v, length - 1));
  let z = 0;
  for (let k = 0; k < n; k++) z += powers[k] * scaled[k];
  const logZ = length * (Math.log(top) - beta * minEps) + Math.log(z);
  // d/dbeta: D = -(eps - minEps); the shift by minEps is restored in the mean energy.
  const de = eps.map((e) => -(e - minEps));
  const energy = spectralDerivatives(t, de, scaled, vectors, n, length, z, powers);
  // d/dlambda for E -> E + lambda M: D = -beta M_xy.
  const dm = mag.map((m) => -beta * m);
  const magnetization = spectralDerivatives(t, dm, scaled, vectors, n, length, z, powers);
  return {
    energy: { logWeight: logZ, mean: -energy.d1 + length * minEps, variance: energy.d2 },
    magnetization: { logWeight: logZ, mean: -magnetization.d1 / beta, variance: magnetization.d2 / (beta * beta) },
  };
}
