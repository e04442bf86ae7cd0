import { GibbsError, invalidValue } from '../../core/errors.js';

/** A pair potential given as points (r_k, u_k), k = 0..n-1, strictly increasing r > 0. */
export interface PotentialTableData {
  r: number[];
  u: number[];
  /** Where the table came from (a file name), for messages and descriptions. */
  source?: string;
}

/**
 * Parse a potential table from text: one point per line, `r u` separated by spaces, tabs or a
 * comma; blank lines and lines starting with `#` are ignored (a header line of words is
 * allowed too). r must increase strictly and be > 0; at least 4 points.
 *
 * @example
 * parsePotentialTable('# r u\n0.9 1.2\n1.0 0\n1.5 -0.3\n2.0 0', 'well.txt');
 */
export function parsePotentialTable(text: string, source = 'table'): PotentialTableData {
  const r: number[] = [];
  const u: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/[\s,;]+/).filter((f) => f !== '');
    const numbers = fields.map(Number);
    if (r.length === 0 && numbers.every((x) => Number.isNaN(x))) continue; // a header such as "r,u"
    if (fields.length < 2 || !Number.isFinite(numbers[0]) || !Number.isFinite(numbers[1])) {
      throw new GibbsError(`${source}: line ${i + 1}: got ${JSON.stringify(line.slice(0, 60))}, expected two finite numbers "r u"`, source);
    }
    r.push(numbers[0]);
    u.push(numbers[1]);
  }
  const table = { r, u, source };
  validatePotentialTable(table);
  return table;
}

/** Check a table: at least 4 points, finite values, 0 < r_0 < r_1 < ... */
export function validatePotentialTable(table: PotentialTableData): void {
  const source = table.source ?? 'table';
  if (!Array.isArray(table.r) || !Array.isArray(table.u) || table.r.length !== table.u.length) {
    throw new GibbsError(`${source}: r and u must be arrays of the same length`, source);
  }
  if (table.r.length < 4) throw invalidValue(`${source}: points`, table.r.length, 'at least 4 points (r, u)');
  for (let k = 0; k < table.r.length; k++) {
    if (!Number.isFinite(table.r[k]) || !Number.isFinite(table.u[k])) throw invalidValue(`${source}: point ${k + 1}`, [table.r[k], table.u[k]], 'finite numbers');
    if (k === 0 ? !(table.r[0] > 0) : !(table.r[k] > table.r[k - 1])) {
      throw invalidValue(`${source}: r at point ${k + 1}`, table.r[k], k === 0 ? 'a distance > 0' : `a distance > ${table.r[k - 1]} (r must increase)`);
    }
  }
}

/**
 * A natural cubic spline through the table points (second derivative zero at both ends), so
 * the energy is smooth and its derivative (for the virial) is consistent with it. Evaluation
 * finds the interval directly on an evenly spaced grid and by bisection otherwise.
 */
export class PotentialSpline {
  readonly r: Float64Array;
  readonly u: Float64Array;
  /** Second derivatives at the knots. */
  private readonly m: Float64Array;
  private readonly uniform: boolean;
  private readonly spacing: number;

  constructor(table: PotentialTableData) {
    validatePotentialTable(table);
    const n = table.r.length;
    this.r = Float64Array.from(table.r);
    this.u = Float64Array.from(table.u);
    this.m = naturalSplineSecondDerivatives(this.r, this.u);
    this.spacing = (this.r[n - 1] - this.r[0]) / (n - 1);
    let uniform = true;
    for (let k = 1; k < n; k++) if (Math.abs(this.r[k] - this.r[k - 1] - this.spacing) > 1e-9 * this.spacing) uniform = false;
    this.uniform = uniform;
  }

  private interval(x: number): number {
    const n = this.r.length;
    if (this.uniform) return Math.min(n - 2, Math.max(0, Math.floor((x - this.r[0]) / this.spacing)));
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.r[mid] > x) hi = mid;
      else lo = mid;
    }
    return lo;
  }

  /** Spline value at x (inside [r_0, r_last]). */
  value(x: number): number {
    const k = this.interval(x);
    const h = this.r[k + 1] - this.r[k];
    const a = (this.r[k + 1] - x) / h;
    const b = 1 - a;
    return a * this.u[k] + b * this.u[k + 1] + (((a * a * a - a) * this.m[k] + (b * b * b - b) * this.m[k + 1]) * h * h) / 6;
  }

  /** Spline derivative du/dr at x. */
  derivative(x: number): number {
    const k = this.interval(x);
    const h = this.r[k + 1] - this.r[k];
    const a = (this.r[k + 1] - x) / h;
    const b = 1 - a;
    return (this.u[k + 1] - this.u[k]) / h + ((-(3 * a * a - 1) * this.m[k] + (3 * b * b - 1) * this.m[k + 1]) * h) / 6;
  }
}

/** Tridiagonal solve for the natural spline's second derivatives (Thomas algorithm). */
function naturalSplineSecondDerivatives(x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  const m = new Float64Array(n);
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    const h0 = x[i] - x[i - 1];
    const h1 = x[i + 1] - x[i];
    const diag = 2 * (h0 + h1) - h0 * c[i - 1];
    c[i] = h1 / diag;
    d[i] = (6 * ((y[i + 1] - y[i]) / h1 - (y[i] - y[i - 1]) / h0) - h0 * d[i - 1]) / diag;
  }
  for (let i = n - 2; i >= 1; i--) m[i] = d[i] - c[i] * m[i + 1];
  return m;
}
