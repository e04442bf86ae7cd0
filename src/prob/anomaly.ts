/**
 * Anomaly detection by density: a point is anomalous when its log density under the fitted model
 * is below the `quantile`-quantile of the training points' log densities (so that fraction of the
 * training data would be flagged).
 */
import { invalidValue } from '../core/errors.js';

/**
 * The empirical `quantile` of the values (linear interpolation between order statistics, numpy's default).
 * @example empiricalQuantile([1, 2, 3, 4], 0.5) // 2.5
 */
export function empiricalQuantile(values: ArrayLike<number>, quantile: number): number {
  if (!(quantile >= 0 && quantile <= 1)) throw invalidValue('quantile', quantile, 'a probability from 0 to 1');
  if (values.length === 0) throw invalidValue('values', [], 'at least one value');
  const sorted = Float64Array.from(values).sort();
  const pos = quantile * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** Log-density threshold below which a point counts as an anomaly. @example anomalyThreshold(model.scoreSamples(train), 0.01) */
export function anomalyThreshold(trainingLogDensities: ArrayLike<number>, quantile: number): number {
  return empiricalQuantile(trainingLogDensities, quantile);
}

/** 1 where the log density is below the threshold, else 0. */
export function flagAnomalies(logDensities: ArrayLike<number>, threshold: number): Uint8Array {
  const out = new Uint8Array(logDensities.length);
  for (let i = 0; i < logDensities.length; i++) out[i] = logDensities[i] < threshold ? 1 : 0;
  return out;
}
