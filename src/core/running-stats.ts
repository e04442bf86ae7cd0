/**
 * Running mean and variance by Welford's algorithm: one pass, numerically stable, mergeable
 * (Chan et al. 1979), so per-thread accumulators combine exactly as one pass would.
 *
 * @example
 * const s = new RunningStats();
 * for (const x of [1, 2, 3]) s.push(x);
 * s.mean;     // 2
 * s.variance; // 1 (unbiased, n - 1 in the denominator)
 */
export class RunningStats {
  count = 0;
  mean = 0;
  /** Sum of squared deviations from the mean. */
  m2 = 0;

  push(x: number): void {
    this.count += 1;
    const delta = x - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (x - this.mean);
  }

  /** Unbiased sample variance (NaN for fewer than two values). */
  get variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : Number.NaN;
  }

  /** Population variance (divides by n). */
  get populationVariance(): number {
    return this.count > 0 ? this.m2 / this.count : Number.NaN;
  }

  /** Combine another accumulator into this one, as if its values had been pushed here. */
  merge(other: RunningStats): void {
    if (other.count === 0) return;
    const n = this.count + other.count;
    const delta = other.mean - this.mean;
    this.m2 += other.m2 + (delta * delta * this.count * other.count) / n;
    this.mean += (delta * other.count) / n;
    this.count = n;
  }

  /** Plain-object form for checkpoints. */
  toJSON(): { count: number; mean: number; m2: number } {
    return { count: this.count, mean: this.mean, m2: this.m2 };
  }

  static fromJSON(data: { count: number; mean: number; m2: number }): RunningStats {
    const s = new RunningStats();
    s.count = data.count;
    s.mean = data.mean;
    s.m2 = data.m2;
    return s;
  }
}

/**
 * Mean of an array.
 *
 * @example
 * mean(Float64Array.of(1, 2, 3)); // 2
 */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/**
 * Unbiased sample variance of an array (two-pass).
 *
 * @example
 * variance(Float64Array.of(1, 2, 3)); // 1 (unbiased)
 */
export function variance(values: ArrayLike<number>): number {
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - m;
    sum += d * d;
  }
  return sum / (values.length - 1);
}
