/**
 * Small dense linear algebra on row-major Float64Array matrices (d x d), enough for Gaussian
 * densities: Cholesky factorisation, triangular solves, log-determinants and inverses.
 */
import { GibbsError } from '../core/errors.js';

/**
 * Cholesky factor L (lower triangular, A = L L^T) of a symmetric positive-definite matrix.
 * Only the lower triangle of `a` is read. Returns null when `a` is not positive definite.
 * @example choleskyOrNull(new Float64Array([4, 2, 2, 3]), 2) // [2, 0, 1, 1.414...]
 */
export function choleskyOrNull(a: ArrayLike<number>, d: number, out = new Float64Array(d * d)): Float64Array | null {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j];
      for (let k = 0; k < j; k++) sum -= out[i * d + k] * out[j * d + k];
      if (i === j) {
        if (!(sum > 0) || !Number.isFinite(sum)) return null;
        out[i * d + i] = Math.sqrt(sum);
      } else {
        out[i * d + j] = sum / out[j * d + j];
      }
    }
    for (let j = i + 1; j < d; j++) out[i * d + j] = 0;
  }
  return out;
}

/**
 * Cholesky factor, or a clear error naming `field` when the matrix is not symmetric positive definite.
 * @example cholesky(new Float64Array([1, 0, 0, 1]), 2, 'covariance')
 */
export function cholesky(a: ArrayLike<number>, d: number, field = 'matrix'): Float64Array {
  if (a.length !== d * d) throw new GibbsError(`${field}: got ${a.length} entries, expected ${d * d} (a ${d}x${d} matrix)`, field);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const x = a[i * d + j];
      const y = a[j * d + i];
      if (!(Math.abs(x - y) <= 1e-10 * (Math.abs(x) + Math.abs(y)) + 1e-300)) {
        throw new GibbsError(`${field}: not symmetric (entry [${i}][${j}] = ${x} but [${j}][${i}] = ${y})`, field);
      }
    }
  }
  const l = choleskyOrNull(a, d);
  if (l === null) throw new GibbsError(`${field}: not positive definite (Cholesky factorisation failed)`, field);
  return l;
}

/** log det A = 2 sum_i log L_ii from A's Cholesky factor. @example logDetFromCholesky(cholesky([4,0,0,9], 2), 2) // log 36 */
export function logDetFromCholesky(l: ArrayLike<number>, d: number): number {
  let sum = 0;
  for (let i = 0; i < d; i++) sum += Math.log(l[i * d + i]);
  return 2 * sum;
}

/** Solve L y = b (forward substitution) for lower-triangular L; writes y into `out` (may alias b). */
export function solveLower(l: ArrayLike<number>, b: ArrayLike<number>, d: number, out: Float64Array = new Float64Array(d)): Float64Array {
  for (let i = 0; i < d; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * d + k] * out[k];
    out[i] = sum / l[i * d + i];
  }
  return out;
}

/** Solve L^T x = y (back substitution) for lower-triangular L; writes x into `out` (may alias y). */
export function solveLowerTransposed(l: ArrayLike<number>, y: ArrayLike<number>, d: number, out: Float64Array = new Float64Array(d)): Float64Array {
  for (let i = d - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < d; k++) sum -= l[k * d + i] * out[k];
    out[i] = sum / l[i * d + i];
  }
  return out;
}

/** L^{-1} for lower-triangular L (also lower triangular). */
export function invertLower(l: ArrayLike<number>, d: number): Float64Array {
  const inv = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    inv[j * d + j] = 1 / l[j * d + j];
    for (let i = j + 1; i < d; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i * d + k] * inv[k * d + j];
      inv[i * d + j] = sum / l[i * d + i];
    }
  }
  return inv;
}

/** A^{-1} = L^{-T} L^{-1} from the Cholesky factor L of A (symmetric, full storage). */
export function inverseFromCholesky(l: ArrayLike<number>, d: number): Float64Array {
  const li = invertLower(l, d);
  const inv = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < d; k++) sum += li[k * d + i] * li[k * d + j];
      inv[i * d + j] = sum;
      inv[j * d + i] = sum;
    }
  }
  return inv;
}

/** y = L x for lower-triangular L (used to colour standard normal draws). */
export function multiplyLower(l: ArrayLike<number>, x: ArrayLike<number>, d: number, out: Float64Array = new Float64Array(d)): Float64Array {
  for (let i = d - 1; i >= 0; i--) {
    let sum = 0;
    for (let k = 0; k <= i; k++) sum += l[i * d + k] * x[k];
    out[i] = sum;
  }
  return out;
}
