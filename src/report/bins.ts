import { invalidValue } from '../core/errors.js';

/** Bin edges and heights of a histogram. */
export interface Bins {
  edges: Float64Array;
  heights: Float64Array;
}

/**
 * Histogram of `values` in `bins` equal bins over `range` (default: the finite values' min to max).
 * Values outside the range are left out. With `density`, heights integrate to the fraction of
 * values inside the range (so to 1 when all are inside), to compare with a probability density.
 * @example histogramBins([0.1, 0.2, 0.9], { bins: 2, range: [0, 1] }) // heights [2, 1]
 */
export function histogramBins(values: ArrayLike<number>, options: { bins: number; range?: [number, number]; density?: boolean }): Bins {
  const { bins } = options;
  if (!Number.isInteger(bins) || bins < 1) throw invalidValue('bins', bins, 'an integer >= 1');
  let [lo, hi] = options.range ?? [Infinity, -Infinity];
  if (!options.range) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) continue;
      if (values[i] < lo) lo = values[i];
      if (values[i] > hi) hi = values[i];
    }
    if (lo > hi) [lo, hi] = [0, 1];
    if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  }
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) throw invalidValue('range', options.range, 'finite [min, max] with min < max');
  const width = (hi - lo) / bins;
  const edges = Float64Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  const heights = new Float64Array(bins);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) continue;
    heights[Math.min(bins - 1, Math.floor((v - lo) / width))] += 1;
  }
  if (options.density && values.length > 0) for (let b = 0; b < bins; b++) heights[b] /= values.length * width;
  return { edges, heights };
}
