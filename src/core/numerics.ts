/** Numerically stable elementary functions used across the library (natural logs). */

/**
 * log(sum_i exp(x_i)) without overflow. Returns -Infinity for an empty input or all -Infinity.
 * @example logSumExp([1000, 1000]) // 1000 + log 2
 */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity || max === Infinity || Number.isNaN(max)) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}

/**
 * log(exp(a) + exp(b)) without overflow.
 *
 * @example
 * logAddExp(1000, 1000); // 1000 + log 2
 */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const max = a > b ? a : b;
  return max + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/**
 * log(mean_i exp(x_i)), the importance-sampling estimator of a log partition function.
 *
 * @example
 * logMeanExp([0, Math.log(3)]); // log 2
 */
export function logMeanExp(values: ArrayLike<number>): number {
  return logSumExp(values) - Math.log(values.length);
}

/**
 * log(1 + exp(x)) (softplus), accurate for all x.
 *
 * @example
 * log1pExp(800); // 800 (no overflow)
 */
export function log1pExp(x: number): number {
  if (x > 33) return x + Math.exp(-x);
  if (x < -37) return Math.exp(x);
  return Math.log1p(Math.exp(x));
}

/**
 * log(cosh(x)), accurate for all x (no overflow for large |x|).
 *
 * @example
 * logCosh(1000); // 1000 - log 2
 */
export function logCosh(x: number): number {
  const a = Math.abs(x);
  return a + Math.log1p(Math.exp(-2 * a)) - Math.LN2;
}

/**
 * log(2 cosh(x)), the single-spin partition function log(e^x + e^-x).
 *
 * @example
 * log2Cosh(0); // log 2
 */
export function log2Cosh(x: number): number {
  const a = Math.abs(x);
  return a + Math.log1p(Math.exp(-2 * a));
}

/**
 * log(sinh(x)) for x > 0, accurate for large x.
 *
 * @example
 * logSinh(1000); // 1000 - log 2
 */
export function logSinh(x: number): number {
  if (x <= 0) return Number.NaN;
  return x + Math.log(-Math.expm1(-2 * x)) - Math.LN2;
}

/**
 * Logistic sigmoid 1 / (1 + exp(-x)).
 *
 * @example
 * sigmoid(0); // 0.5
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * Compensated (Neumaier) summation: the error stays O(eps) instead of O(n eps) for long sums.
 * @example const s = new CompensatedSum(); s.add(1e16); s.add(1); s.add(-1e16); s.value // 1
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}
