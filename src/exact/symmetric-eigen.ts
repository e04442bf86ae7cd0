/**
 * Eigen-decomposition of a real symmetric matrix: A = V diag(values) V^T.
 *
 * Householder reduction to tridiagonal form (accumulating the reflections into V), then the
 * implicit symmetric QR algorithm with Wilkinson shifts and Givens rotations (Golub & Van Loan,
 * Matrix Computations, 4th ed., algorithms 8.3.1 and 8.3.3). Backward stable: every eigenvalue
 * is exact for a matrix within about n * eps * ||A|| of A. O(n^3) work; meant for n <= ~1000.
 */
export interface SymmetricEigen {
  /** Eigenvalues in descending order. */
  values: Float64Array;
  /** Eigenvectors as columns of an n x n row-major matrix: vectors[i * n + k] = v_k[i]. */
  vectors: Float64Array;
}

/** Householder tridiagonalisation in place; returns diagonal d, off-diagonal e and Q (row-major). */
function tridiagonalize(a: Float64Array, n: number): { d: Float64Array; e: Float64Array; q: Float64Array } {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    // Reflect x = A[k+1.., k] onto a multiple of e_1.
    let norm = 0;
    for (let i = k + 1; i < n; i++) norm += a[i * n + k] * a[i * n + k];
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const x0 = a[(k + 1) * n + k];
    const alpha = x0 >= 0 ? -norm : norm;
    for (let i = k + 1; i < n; i++) v[i] = a[i * n + k];
    v[k + 1] = x0 - alpha;
    let vv = 0;
    for (let i = k + 1; i < n; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    const tau = 2 / vv;
    // p = tau A v, w = p - (tau/2)(p.v) v; A <- A - v w^T - w v^T on the trailing block.
    let pv = 0;
    for (let i = k + 1; i < n; i++) {
      let sum = 0;
      const row = i * n;
      for (let j = k + 1; j < n; j++) sum += a[row + j] * v[j];
      p[i] = tau * sum;
      pv += p[i] * v[i];
    }
    const half = (tau / 2) * pv;
    for (let i = k + 1; i < n; i++) p[i] -= half * v[i];
    for (let i = k + 1; i < n; i++) {
      const row = i * n;
      const vi = v[i];
      const pi = p[i];
      for (let j = k + 1; j < n; j++) a[row + j] -= vi * p[j] + pi * v[j];
    }
    a[(k + 1) * n + k] = alpha;
    a[k * n + k + 1] = alpha;
    for (let i = k + 2; i < n; i++) {
      a[i * n + k] = 0;
      a[k * n + i] = 0;
    }
    // Q <- Q H with H = I - tau v v^T (only columns k+1.. change).
    for (let r = 0; r < n; r++) {
      const row = r * n;
      let sum = 0;
      for (let j = k + 1; j < n; j++) sum += q[row + j] * v[j];
      sum *= tau;
      for (let j = k + 1; j < n; j++) q[row + j] -= sum * v[j];
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    d[i] = a[i * n + i];
    if (i + 1 < n) e[i] = a[(i + 1) * n + i];
  }
  return { d, e, q };
}

/** Implicit symmetric QR on the tridiagonal (d, e), rotating the columns of q alongside. */
function tridiagonalQR(d: Float64Array, e: Float64Array, q: Float64Array, n: number): void {
  const eps = Number.EPSILON;
  let hi = n - 1;
  let iterations = 0;
  while (hi > 0) {
    // Deflate negligible off-diagonals from the bottom.
    if (Math.abs(e[hi - 1]) <= eps * (Math.abs(d[hi - 1]) + Math.abs(d[hi]))) {
      e[hi - 1] = 0;
      hi--;
      continue;
    }
    let lo = hi - 1;
    while (lo > 0 && Math.abs(e[lo - 1]) > eps * (Math.abs(d[lo - 1]) + Math.abs(d[lo]))) lo--;
    if (++iterations > 60 * n) throw new Error('symmetric eigen-decomposition did not converge');
    // Wilkinson shift from the trailing 2x2 block.
    const delta = (d[hi - 1] - d[hi]) / 2;
    const b2 = e[hi - 1] * e[hi - 1];
    const shift = d[hi] - b2 / (delta + (delta >= 0 ? 1 : -1) * Math.hypot(delta, e[hi - 1]));
    let x = d[lo] - shift;
    let z = e[lo];
    for (let k = lo; k < hi; k++) {
      // Givens rotation zeroing z against x.
      const r = Math.hypot(x, z);
      const c = r === 0 ? 1 : x / r;
      const s = r === 0 ? 0 : -z / r;
      if (k > lo) e[k - 1] = r;
      const dk = d[k];
      const dk1 = d[k + 1];
      const ek = e[k];
      d[k] = c * c * dk - 2 * c * s * ek + s * s * dk1;
      d[k + 1] = s * s * dk + 2 * c * s * ek + c * c * dk1;
      e[k] = c * s * (dk - dk1) + (c * c - s * s) * ek;
      if (k < hi - 1) {
        x = e[k];
        z = -s * e[k + 1];
        e[k + 1] *= c;
      }
      for (let row = 0; row < n; row++) {
        const base = row * n;
        const qa = q[base + k];
        const qb = q[base + k + 1];
        q[base + k] = c * qa - s * qb;
        q[base + k + 1] = s * qa + c * qb;
      }
    }
  }
}

/**
 * Eigenvalues (descending) and orthonormal eigenvectors of a symmetric n x n matrix given
 * row-major (only symmetry is assumed; the input is not modified).
 *
 * @example
 * const { values } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2); // [3, 1]
 */
export function symmetricEigen(matrix: Float64Array, n: number): SymmetricEigen {
  if (n === 1) return { values: Float64Array.of(matrix[0]), vectors: Float64Array.of(1) };
  const { d, e, q } = tridiagonalize(Float64Array.from(matrix), n);
  tridiagonalQR(d, e, q, n);
  const order = Array.from({ length: n }, (_, k) => k).sort((x, y) => d[y] - d[x]);
  const values = Float64Array.from(order, (k) => d[k]);
  const vectors = new Float64Array(n * n);
  for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) vectors[row * n + col] = q[row * n + order[col]];
  return { values, vectors };
}
