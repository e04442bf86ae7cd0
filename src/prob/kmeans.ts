/**
 * k-means++ seeding (Arthur & Vassilvitskii, "k-means++: the advantages of careful seeding",
 * SODA 2007) followed by Lloyd iterations: the initialisation of the mixture models' EM.
 */
import { invalidValue } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { DataMatrix } from './data-matrix.js';
import { categoricalVariate } from './variates.js';

/** k centres chosen by k-means++: each new centre drawn with probability ∝ squared distance to the nearest chosen one. */
export function kmeansPlusPlus(x: DataMatrix, k: number, rng: Rng): Float64Array {
  const { data, rows: n, cols: d } = x;
  if (!Number.isInteger(k) || k < 1 || k > n) throw invalidValue('components', k, `an integer from 1 to the number of points (${n})`);
  const centers = new Float64Array(k * d);
  const nearest = new Float64Array(n).fill(Infinity);
  let pick = rng.nextInt(n);
  for (let c = 0; c < k; c++) {
    centers.set(data.subarray(pick * d, pick * d + d), c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      let dist = 0;
      for (let j = 0; j < d; j++) {
        const t = data[i * d + j] - centers[c * d + j];
        dist += t * t;
      }
      if (dist < nearest[i]) nearest[i] = dist;
      total += nearest[i];
    }
    if (c + 1 < k) pick = total > 0 ? categoricalVariate(rng, nearest, total) : rng.nextInt(n);
  }
  return centers;
}

/** Lloyd's k-means from the given centres: labels of the points after at most `maxIterations` sweeps (stops when no label changes). */
export function kmeans(x: DataMatrix, centers: Float64Array, maxIterations = 100): { labels: Int32Array; centers: Float64Array; iterations: number } {
  const { data, rows: n, cols: d } = x;
  const k = centers.length / d;
  const labels = new Int32Array(n).fill(-1);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDist = Infinity;
      for (let c = 0; c < k; c++) {
        let dist = 0;
        for (let j = 0; j < d; j++) {
          const t = data[i * d + j] - centers[c * d + j];
          dist += t * t;
        }
        if (dist < bestDist) {
          bestDist = dist;
          best = c;
        }
      }
      if (labels[i] !== best) {
        labels[i] = best;
        changed++;
      }
    }
    if (changed === 0) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      for (let j = 0; j < d; j++) sums[c * d + j] += data[i * d + j];
    }
    for (let c = 0; c < k; c++) if (counts[c] > 0) for (let j = 0; j < d; j++) centers[c * d + j] = sums[c * d + j] / counts[c];
  }
  return { labels, centers, iterations };
}
