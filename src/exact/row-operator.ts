import { type Strip, rowTables } from './strip.js';

/**
 * The symmetric row-to-row transfer matrix of a strip as an operator, never stored:
 *
 *   T = D^{1/2} K D^{1/2},  D = diag(exp(-beta (E_row(x) - E_min))),  K = k (x) k (x) ... (x) k,
 *   k = exp(-beta (J s s' + |J|)) (one 2x2 factor per column: the vertical bond),
 *
 * so T v costs W 2^W operations (a butterfly pass per column). The true matrix is
 * T_true = T exp(beta (W |J| - E_min)): `logScale` = beta (W |J| - E_min) per row.
 *
 * `jet` applies T together with its first and second derivatives along one direction:
 * 'beta' (all energies scale with beta) or 'field' (E_row -> E_row + lambda M_row, derivative
 * in lambda at 0), with the row energies optionally centred by `shift` (T -> T e^{theta shift}).
  *
  * @example
  * const op = new RowOperator({ width: 10, length: 100, acrossPeriodic: true, alongPeriodic: true, coupling: -1, field: 0 }, 0.4);
 * op.apply(v, out); // out = T v in 10 * 2^10 operations
 */
export class RowOperator {
  readonly size: number;
  readonly width: number;
  readonly logScale: number;
  private readonly beta: number;
  private readonly sqrtD: Float64Array;
  private readonly rowEnergy: Float64Array;
  private readonly rowMag: Float64Array;
  /** k entries [++, +-, -+, --] and their beta-derivatives (k' = -w k, k'' = w^2 k). */
  private readonly k: Float64Array;
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  /** Vertical bond energies J s s' + |J| >= 0 for [++, +-, -+, --]. */
  private readonly vertical: Float64Array;
  private readonly work: Float64Array[];

  constructor(strip: Strip, beta: number) {
    this.width = strip.width;
    this.size = 2 ** strip.width;
    this.beta = beta;
    const rows = rowTables(strip);
    let min = Infinity;
    for (let x = 0; x < this.size; x++) min = Math.min(min, rows.energy[x]);
    this.rowEnergy = rows.energy.map((e) => e - min);
    this.rowMag = rows.magnetization;
    this.sqrtD = this.rowEnergy.map((e) => Math.exp(-0.5 * beta * e));
    const j = strip.coupling;
    const abs = Math.abs(j);
    // Vertical bond energies shifted to be >= 0: J s s' + |J|, for (s, s') = ++, +-, -+, --.
    const w = [j + abs, -j + abs, -j + abs, j + abs];
    this.vertical = Float64Array.from(w);
    this.k = Float64Array.from(w, (x) => Math.exp(-beta * x));
    this.k1 = Float64Array.from(w, (x, i) => -x * this.k[i]);
    this.k2 = Float64Array.from(w, (x, i) => x * x * this.k[i]);
    this.logScale = beta * (strip.width * abs - min);
    this.work = [new Float64Array(this.size), new Float64Array(this.size), new Float64Array(this.size)];
  }

  /** out = T v. */
  apply(v: Float64Array, out: Float64Array): void {
    const { size, sqrtD, k } = this;
    for (let x = 0; x < size; x++) out[x] = sqrtD[x] * v[x];
    butterfly(out, this.width, k);
    for (let x = 0; x < size; x++) out[x] *= sqrtD[x];
  }

  /**
   * (T v, T' v, T'' v) along `direction` ('beta': d/dbeta; 'field': d/dlambda for a uniform
   * field lambda added to h), centred: derivatives of T(theta) exp(theta * shift).
   */
  jet(direction: 'beta' | 'field', shift: number, v: Float64Array, out0: Float64Array, out1: Float64Array, out2: Float64Array): void {
    const { size, sqrtD } = this;
    // d/dtheta of D^{1/2}: D^{1/2} times g = -(E_row - shift')/2 (beta) or -beta M/2 (field),
    // with the centring shift split evenly between the two D^{1/2} factors.
    const g = this.work[0];
    for (let x = 0; x < size; x++) g[x] = direction === 'beta' ? -0.5 * this.rowEnergy[x] + 0.5 * shift : -0.5 * this.beta * this.rowMag[x] + 0.5 * shift;
    for (let x = 0; x < size; x++) {
      const a = sqrtD[x] * v[x];
      out0[x] = a;
      out1[x] = g[x] * a;
      out2[x] = g[x] * g[x] * a;
    }
    if (direction === 'beta') butterflyJet(out0, out1, out2, this.width, this.k, this.k1, this.k2);
    else {
      butterfly(out0, this.width, this.k);
      butterfly(out1, this.width, this.k);
      butterfly(out2, this.width, this.k);
    }
    for (let x = 0; x < size; x++) {
      const s = sqrtD[x];
      const s1 = g[x] * s;
      const s2 = g[x] * g[x] * s;
      const a0 = out0[x];
      const a1 = out1[x];
      const a2 = out2[x];
      out0[x] = a0 * s;
      out1[x] = a1 * s + a0 * s1;
      out2[x] = a2 * s + 2 * a1 * s1 + a0 * s2;
    }
  }

  /**
   * A bound on max_xy |D_xy| for the centred derivative multiplier (T' = D o T elementwise), so
   * that ||T'|| <= bound * ||T|| (T is entrywise positive). For beta, D = shift - eps with
   * eps_xy = (E_x + E_y)/2 - E_min + sum_columns (J s s' + |J|) in [0, max E + 2W|J|]; for a
   * field, D = shift - beta (M_x + M_y)/2 with |M| <= W.
   */
  derivativeBound(direction: 'beta' | 'field', shift: number): number {
    if (direction === 'field') return this.beta * this.width + Math.abs(shift);
    let maxE = 0;
    for (let x = 0; x < this.size; x++) maxE = Math.max(maxE, this.rowEnergy[x]);
    const maxVertical = Math.max(...this.vertical) * this.width;
    return Math.max(Math.abs(shift), Math.abs(shift - maxE - maxVertical));
  }
}

/** In place: v <- (k (x) ... (x) k) v, one 2x2 pass per bit. */
function butterfly(v: Float64Array, width: number, k: Float64Array): void {
  const size = v.length;
  const [kpp, kpm, kmp, kmm] = k;
  for (let i = 0; i < width; i++) {
    const bit = 1 << i;
    for (let high = 0; high < size; high += 2 * bit) {
      for (let x0 = high; x0 < high + bit; x0++) {
        const a = v[x0];
        const b = v[x0 + bit];
        v[x0] = kpp * a + kpm * b;
        v[x0 + bit] = kmp * a + kmm * b;
      }
    }
  }
}

/** The butterfly in jet arithmetic: (v, v', v'') through factors (k, k', k''). */
function butterflyJet(v0: Float64Array, v1: Float64Array, v2: Float64Array, width: number, k: Float64Array, k1: Float64Array, k2: Float64Array): void {
  const size = v0.length;
  for (let i = 0; i < width; i++) {
    const bit = 1 << i;
    for (let high = 0; high < size; high += 2 * bit) {
      for (let x0 = high; x0 < high + bit; x0++) {
        const x1 = x0 + bit;
        const a0 = v0[x0];
        const b0 = v0[x1];
        const a1 = v1[x0];
        const b1 = v1[x1];
        const a2 = v2[x0];
        const b2 = v2[x1];
        v0[x0] = k[0] * a0 + k[1] * b0;
        v0[x1] = k[2] * a0 + k[3] * b0;
        v1[x0] = k1[0] * a0 + k1[1] * b0 + k[0] * a1 + k[1] * b1;
        v1[x1] = k1[2] * a0 + k1[3] * b0 + k[2] * a1 + k[3] * b1;
        v2[x0] = k2[0] * a0 + k2[1] * b0 + 2 * (k1[0] * a1 + k1[1] * b1) + k[0] * a2 + k[1] * b2;
        v2[x1] = k2[2] * a0 + k2[3] * b0 + 2 * (k1[2] * a1 + k1[3] * b1) + k[2] * a2 + k[3] * b2;
      }
    }
  }
}
