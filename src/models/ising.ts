import { GibbsError } from '../core/errors.js';

/** Lattice shapes with a geometry (used by exact solvers, multi-spin kernels and pictures). */
export type LatticeShape = 'chain' | 'square' | 'triangular' | 'cubic';
/** Boundary condition along one lattice dimension: 'periodic' wraps around (needs size >= 2), 'open' does not. */
export type Boundary = 'periodic' | 'open';

/**
 * Where the spins of a lattice model sit. Site index = x + Lx*(y + Ly*z): x runs fastest.
 * `boundary[d]` is the boundary condition along dimension d.
 */
export interface LatticeInfo {
  shape: LatticeShape;
  size: number[];
  boundary: Boundary[];
}

/** One coupling J_nm between spins n and m (n != m). */
export type Coupling = readonly [n: number, m: number, j: number];

/** Optional description of where a model came from. */
export interface IsingModelInfo {
  /** Lattice geometry, when the model is a lattice. */
  lattice?: LatticeInfo;
  /** Short human-readable description, e.g. "square 16x16 periodic, J = -1". */
  description?: string;
}

/** Plain-data form of a model (structured-cloneable: crosses worker threads, fits in JSON). */
export interface IsingModelData {
  size: number;
  fields: Float64Array;
  offsets: Int32Array;
  neighbors: Int32Array;
  couplings: Float64Array;
  lattice?: LatticeInfo;
  description: string;
}

/**
 * An Ising model on N spins s_n = ±1 with energy (the seed lecture's convention, k_B = 1):
 *
 *   E(s) = sum_n h_n s_n + sum_{n<m} J_nm s_n s_m
 *
 * Note the plus signs: a ferromagnet has J < 0 and a positive field h favours s = -1.
 * The Boltzmann distribution is p(s) = exp(-beta E(s)) / Z with beta = 1/T.
 *
 * Couplings are stored as a symmetric CSR adjacency (each bond appears in both rows), so
 * the local field of spin n is `h_n + sum_m J_nm s_m` in O(degree). Bonds listed twice
 * (e.g. the two wrap-around bonds of a periodic dimension of size 2) are merged by adding J.
 *
 * @example
 * const model = IsingModel.fromCouplings(3, [[0, 1, -1], [1, 2, -1]], [0.1, 0, 0]);
 * const s = Int8Array.of(1, 1, -1);
 * model.energy(s); // 0.1*1 + (-1)(1)(1) + (-1)(1)(-1) = 0.1
 */
export class IsingModel {
  /** Number of spins N. */
  readonly size: number;
  /** External fields h_n (energy units). */
  readonly fields: Float64Array;
  /** CSR row offsets: the neighbours of n are neighbors[offsets[n] .. offsets[n+1]). */
  readonly offsets: Int32Array;
  /** CSR column indices. */
  readonly neighbors: Int32Array;
  /** CSR values: couplings[k] = J between n and neighbors[k]. */
  readonly couplings: Float64Array;
  /** Lattice geometry, when the model was built on a lattice. */
  readonly lattice: LatticeInfo | undefined;
  /** Short human-readable description. */
  readonly description: string;
  /** Number of distinct bonds (unordered pairs with J != 0 stored). */
  readonly edgeCount: number;

  private constructor(size: number, fields: Float64Array, offsets: Int32Array, neighbors: Int32Array, couplings: Float64Array, info: IsingModelInfo) {
    this.size = size;
    this.fields = fields;
    this.offsets = offsets;
    this.neighbors = neighbors;
    this.couplings = couplings;
    this.lattice = info.lattice;
    this.description = info.description ?? `${size} spins, ${neighbors.length / 2} couplings`;
    this.edgeCount = neighbors.length / 2;
  }

  /**
   * Build from an explicit list of couplings [n, m, J_nm] (n != m, 0 <= n, m < N) and fields.
   * Repeated pairs are summed (use `validateCouplings` first if repeats are a user error).
   */
  static fromCouplings(size: number, couplings: Iterable<Coupling>, fields?: ArrayLike<number>, info: IsingModelInfo = {}): IsingModel {
    if (!Number.isInteger(size) || size < 1) throw new GibbsError(`spins: got ${size}, expected an integer >= 1`, 'spins');
    const h = new Float64Array(size);
    if (fields) {
      if (fields.length !== size) throw new GibbsError(`fields: got ${fields.length} values, expected ${size} (one per spin)`, 'fields');
      h.set(fields);
    }
    // Gather pairs (n < m) in typed arrays, bucket them by n (counting sort) and sort each
    // bucket by m, so repeated pairs are adjacent and summed in input order. O(E log degree).
    let count = 0;
    let lo = new Int32Array(64);
    let hi = new Int32Array(64);
    let val = new Float64Array(64);
    for (const [a, b, j] of couplings) {
      if (a === b) throw new GibbsError(`couplings: self-coupling [${a}, ${b}]; a spin does not couple to itself (s_n^2 = 1)`, 'couplings');
      if (!(a >= 0 && b >= 0 && a < size && b < size) || !Number.isInteger(a) || !Number.isInteger(b)) throw new GibbsError(`couplings: pair [${a}, ${b}] out of range, expected indices 0..${size - 1}`, 'couplings');
      if (count === lo.length) {
        const grow = <T extends Int32Array | Float64Array>(x: T): T => {
          const y = new (x.constructor as new (n: number) => T)(2 * x.length);
          y.set(x);
          return y;
        };
        lo = grow(lo);
        hi = grow(hi);
        val = grow(val);
      }
      lo[count] = Math.min(a, b);
      hi[count] = Math.max(a, b);
      val[count] = j;
      count++;
    }
    const bucket = new Int32Array(size + 1);
    for (let i = 0; i < count; i++) bucket[lo[i] + 1]++;
    for (let n = 0; n < size; n++) bucket[n + 1] += bucket[n];
    const order = new Int32Array(count);
    const cursor = bucket.slice(0, size);
    for (let i = 0; i < count; i++) order[cursor[lo[i]]++] = i;
    for (let n = 0; n < size; n++) {
      // Insertion sort by (m, input position): buckets are short for lattices and sparse graphs.
      for (let k = bucket[n] + 1; k < bucket[n + 1]; k++) {
        const item = order[k];
        let p = k - 1;
        while (p >= bucket[n] && (hi[order[p]] > hi[item] || (hi[order[p]] === hi[item] && order[p] > item))) {
          order[p + 1] = order[p];
          p--;
        }
        order[p + 1] = item;
      }
    }
    // Merge repeats into unique pairs, in (n, m) order.
    const pairN = new Int32Array(count);
    const pairM = new Int32Array(count);
    const pairJ = new Float64Array(count);
    let unique = 0;
    for (let k = 0; k < count; k++) {
      const i = order[k];
      if (unique > 0 && pairN[unique - 1] === lo[i] && pairM[unique - 1] === hi[i]) pairJ[unique - 1] += val[i];
      else {
        pairN[unique] = lo[i];
        pairM[unique] = hi[i];
        pairJ[unique] = val[i];
        unique++;
      }
    }
    const degree = new Int32Array(size);
    for (let k = 0; k < unique; k++) {
      degree[pairN[k]]++;
      degree[pairM[k]]++;
    }
    const offsets = new Int32Array(size + 1);
    for (let n = 0; n < size; n++) offsets[n + 1] = offsets[n] + degree[n];
    const neighbors = new Int32Array(offsets[size]);
    const values = new Float64Array(offsets[size]);
    const fill = offsets.slice(0, size);
    // In (n, m) order every row receives its neighbours in ascending order.
    for (let k = 0; k < unique; k++) {
      const n = pairN[k];
      const m = pairM[k];
      neighbors[fill[n]] = m;
      values[fill[n]++] = pairJ[k];
      neighbors[fill[m]] = n;
      values[fill[m]++] = pairJ[k];
    }
    return new IsingModel(size, h, offsets, neighbors, values, info);
  }

  /** Plain-data form, for worker threads and files; {@link IsingModel.fromData} restores it. */
  toData(): IsingModelData {
    return { size: this.size, fields: this.fields, offsets: this.offsets, neighbors: this.neighbors, couplings: this.couplings, lattice: this.lattice, description: this.description };
  }

  /** Rebuild a model from {@link IsingModel.toData} output (typed arrays or plain arrays). */
  static fromData(data: IsingModelData): IsingModel {
    return new IsingModel(
      data.size,
      Float64Array.from(data.fields),
      Int32Array.from(data.offsets),
      Int32Array.from(data.neighbors),
      Float64Array.from(data.couplings),
      { lattice: data.lattice, description: data.description },
    );
  }

  /** E(s) = sum_n h_n s_n + sum_{n<m} J_nm s_n s_m. */
  energy(s: Int8Array): number {
    let field = 0;
    let pair = 0;
    for (let n = 0; n < this.size; n++) {
      const sn = s[n];
      field += this.fields[n] * sn;
      let local = 0;
      for (let k = this.offsets[n]; k < this.offsets[n + 1]; k++) local += this.couplings[k] * s[this.neighbors[k]];
      pair += sn * local;
    }
    return field + 0.5 * pair;
  }

  /** Local field of spin n: h_n + sum_m J_nm s_m, so that E = s_n * localField + (terms without s_n). */
  localField(s: Int8Array, n: number): number {
    let local = this.fields[n];
    for (let k = this.offsets[n]; k < this.offsets[n + 1]; k++) local += this.couplings[k] * s[this.neighbors[k]];
    return local;
  }

  /** E(s with s_n flipped) - E(s) = -2 s_n localField(s, n). */
  deltaEnergy(s: Int8Array, n: number): number {
    return -2 * s[n] * this.localField(s, n);
  }

  /** Total magnetisation M = sum_n s_n. */
  magnetization(s: Int8Array): number {
    let m = 0;
    for (let n = 0; n < this.size; n++) m += s[n];
    return m;
  }

  /** Degree (number of coupled neighbours) of spin n. */
  degree(n: number): number {
    return this.offsets[n + 1] - this.offsets[n];
  }

  /** Largest degree over all spins. */
  maxDegree(): number {
    let max = 0;
    for (let n = 0; n < this.size; n++) max = Math.max(max, this.degree(n));
    return max;
  }

  /** Each bond once, as [n, m, J] with n < m, in CSR order. */
  *edges(): Generator<Coupling> {
    for (let n = 0; n < this.size; n++) {
      for (let k = this.offsets[n]; k < this.offsets[n + 1]; k++) {
        const m = this.neighbors[k];
        if (m > n) yield [n, m, this.couplings[k]];
      }
    }
  }

  /** The common value of every coupling, or undefined if they differ (or there are none). */
  uniformCoupling(): number | undefined {
    if (this.couplings.length === 0) return undefined;
    const j = this.couplings[0];
    for (let k = 1; k < this.couplings.length; k++) if (this.couplings[k] !== j) return undefined;
    return j;
  }

  /** The common value of every field, or undefined if they differ. */
  uniformField(): number | undefined {
    const h = this.fields[0];
    for (let n = 1; n < this.size; n++) if (this.fields[n] !== h) return undefined;
    return h;
  }

  /** True when every coupling is <= 0 (ferromagnetic in this sign convention). */
  isFerromagnetic(): boolean {
    for (let k = 0; k < this.couplings.length; k++) if (this.couplings[k] > 0) return false;
    return true;
  }

  /** Sum of |h_n| + sum of |J_nm|: a bound on |E(s)| for every state. */
  energyBound(): number {
    let bound = 0;
    for (let n = 0; n < this.size; n++) bound += Math.abs(this.fields[n]);
    for (let k = 0; k < this.couplings.length; k++) bound += 0.5 * Math.abs(this.couplings[k]);
    return bound;
  }

  /** A copy with the same couplings and new fields. */
  withFields(fields: ArrayLike<number>): IsingModel {
    if (fields.length !== this.size) throw new GibbsError(`fields: got ${fields.length} values, expected ${this.size}`, 'fields');
    return new IsingModel(this.size, Float64Array.from(fields), this.offsets, this.neighbors, this.couplings, { lattice: this.lattice, description: this.description });
  }
}
