import { Rng } from '../core/rng.js';
import { symmetricEigen } from './symmetric-eigen.js';

/** Converged Ritz pairs of a symmetric operator. */
export interface RitzPairs {
  /** Ritz values, descending by |value|. */
  values: Float64Array;
  /** ||T u - theta u|| for each pair. */
  residuals: Float64Array;
  /** Ritz vectors (unit length, mutually orthogonal), built on demand (O(n r) each). */
  vectors(): Float64Array[];
  /** Every Ritz value of the space, converged or not (a picture of the outer spectrum). */
  all: Float64Array;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Leading eigenpairs of a large symmetric operator (given as a matrix-vector product) by a
 * Krylov method: a block of random start vectors (so that degenerate eigenvalues are found with
 * their multiplicity), full re-orthogonalisation (Gram-Schmidt twice) and Rayleigh-Ritz on the
 * processed vectors. Because T q_j is expanded exactly in the basis, T Q_r = Q H_{:, :r} and the
 * residual of a Ritz pair (theta, Q_r y) is ||H_{r:, :r} y||, at no extra cost.
 *
 * @example
 * const solver = new KrylovEigensolver((v, out) => { ... }, n, 4, 1);
 * solver.extend(40);
 * const { values } = solver.ritz(1e-13);
 */
export class KrylovEigensolver {
  private readonly basis: Float64Array[] = [];
  private readonly columns: number[][] = [];
  private processed = 0;
  /** Norm of the part of T q_j dropped when it was negligible (counted in the residual bound). */
  private readonly lost: number[] = [];
  private readonly rng: Rng;

  constructor(private readonly apply: (v: Float64Array, out: Float64Array) => void, readonly size: number, blockSize: number, seed: number) {
    this.rng = Rng.fromSeed(seed);
    for (let b = 0; b < Math.min(blockSize, size); b++) this.append(this.randomVector());
  }

  /** Number of basis vectors whose images under T are known (the Rayleigh-Ritz dimension). */
  get dimension(): number {
    return this.processed;
  }

  private randomVector(): Float64Array {
    const v = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) v[i] = this.rng.normal();
    return v;
  }

  /** Orthogonalise w against the basis twice; returns the coefficients and leaves the remainder in w. */
  private orthogonalize(w: Float64Array): number[] {
    const coefficients = new Array<number>(this.basis.length).fill(0);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < this.basis.length; i++) {
        const q = this.basis[i];
        const c = dot(q, w);
        coefficients[i] += c;
        for (let x = 0; x < w.length; x++) w[x] -= c * q[x];
      }
    }
    return coefficients;
  }

  /** Add w (orthogonalised, normalised) to the basis if anything is left of it; returns its norm. */
  private append(w: Float64Array): number {
    this.orthogonalize(w);
    const norm = Math.sqrt(dot(w, w));
    if (norm > 0) {
      for (let x = 0; x < w.length; x++) w[x] /= norm;
      this.basis.push(w);
    }
    return norm;
  }

  /** Process `count` more basis vectors (one operator application each), growing the space. */
  extend(count: number): void {
    for (let c = 0; c < count && this.processed < this.size; c++) {
      const j = this.processed;
      if (j >= this.basis.length) this.append(this.randomVector());
      const w = new Float64Array(this.size);
      this.apply(this.basis[j], w);
      const norm = Math.sqrt(dot(w, w));
      const column = this.orthogonalize(w);
      const rest = Math.sqrt(dot(w, w));
      let lost = 0;
      if (rest > 1e-12 * norm && this.basis.length < this.size) {
        for (let x = 0; x < w.length; x++) w[x] /= rest;
        this.basis.push(w);
        column.push(rest);
      } else {
        // T q_j lies in the span already (an invariant subspace): continue from a fresh direction.
        lost = rest;
        if (this.basis.length < this.size) this.append(this.randomVector());
      }
      this.columns.push(column);
      this.lost.push(lost);
      this.processed++;
    }
  }

  /**
   * Rayleigh-Ritz on the processed vectors: Ritz pairs whose residual is at most
   * `tolerance` times the largest |Ritz value|, sorted by |value| descending.
   */
  ritz(tolerance: number): RitzPairs {
    const r = this.processed;
    // H_ij = q_i . T q_j: from column j when q_i existed when j was processed, else from column i
    // (symmetry); the average when both are known.
    const h = new Float64Array(r * r);
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < r; j++) {
        const a = i < this.columns[j].length ? this.columns[j][i] : undefined;
        const b = j < this.columns[i].length ? this.columns[i][j] : undefined;
        h[i * r + j] = a !== undefined && b !== undefined ? (a + b) / 2 : (a ?? b ?? 0);
      }
    }
    const { values, vectors } = symmetricEigen(h, r);
    let top = 0;
    for (let k = 0; k < r; k++) top = Math.max(top, Math.abs(values[k]));
    const accepted: Array<{ value: number; residual: number; k: number }> = [];
    for (let k = 0; k < r; k++) {
      // Residual = || H[r.., :r] y_k ||: the parts of T Q_r y outside span(Q_r).
      let sum = 0;
      for (let i = r; i < this.basis.length; i++) {
        let c = 0;
        for (let j = 0; j < r; j++) if (i < this.columns[j].length) c += this.columns[j][i] * vectors[j * r + k];
        sum += c * c;
      }
      let dropped = 0;
      for (let j = 0; j < r; j++) dropped += Math.abs(vectors[j * r + k]) * this.lost[j];
      const residual = Math.sqrt(sum) + dropped;
      if (residual <= tolerance * top) accepted.push({ value: values[k], residual, k });
    }
    accepted.sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
    let built: Float64Array[] | undefined;
    const ritzVectors = () =>
      (built ??= accepted.map(({ k }) => {
        const u = new Float64Array(this.size);
        for (let j = 0; j < r; j++) {
          const y = vectors[j * r + k];
          const q = this.basis[j];
          for (let x = 0; x < this.size; x++) u[x] += y * q[x];
        }
        return u;
      }));
    return { values: Float64Array.from(accepted, (a) => a.value), residuals: Float64Array.from(accepted, (a) => a.residual), vectors: ritzVectors, all: values };
  }
}
