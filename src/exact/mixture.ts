/**
 * Moments of an additive quantity (energy, magnetisation) over a mixture of disjoint sets of
 * states, each summarised by its log weight, conditional mean and conditional variance.
 *
 * The law of total variance, Var = sum_i p_i (var_i + (mean_i - mean)^2), adds only
 * non-negative terms, so the variance keeps full relative precision even when the mean is
 * extensive (no <E^2> - <E>^2 cancellation). Transfer matrices use it at every step.
 */
export interface MomentPart {
  /** log of the summed Boltzmann weight of this set of states. */
  logWeight: number;
  /** Weighted mean of the quantity over the set. */
  mean: number;
  /** Weighted variance of the quantity over the set (>= 0). */
  variance: number;
}

/**
 * Combine parts into one: log of the total weight, overall mean and variance.
 * Parts with log weight -Infinity are ignored; at least one part must be finite.
 *
 * @example
 * mixMoments([{ logWeight: 0, mean: 1, variance: 0 }, { logWeight: 0, mean: -1, variance: 0 }]);
 * // { logWeight: log 2, mean: 0, variance: 1 }
 */
export function mixMoments(parts: readonly MomentPart[]): MomentPart {
  let max = -Infinity;
  for (const part of parts) if (part.logWeight > max) max = part.logWeight;
  let total = 0;
  let mean = 0;
  for (const part of parts) {
    if (part.logWeight === -Infinity) continue;
    const w = Math.exp(part.logWeight - max);
    total += w;
    mean += w * part.mean;
  }
  mean /= total;
  let variance = 0;
  for (const part of parts) {
    if (part.logWeight === -Infinity) continue;
    const w = Math.exp(part.logWeight - max) / total;
    const d = part.mean - mean;
    variance += w * (part.variance + d * d);
  }
  return { logWeight: max + Math.log(total), mean, variance };
}
