import { blockMeans } from './binning.js';

/** A derived quantity with its jackknife error. */
export interface JackknifeResult {
  value: number;
  error: number;
}

/**
 * Blocked jackknife for a function of several means, e.g. the heat capacity
 * beta^2 N (<e^2> - <e>^2) or the Binder cumulant 1 - <m^4>/(3<m^2>^2) (Efron & Stein 1981;
 * blocking makes it valid for correlated series when blocks are much longer than tau).
 * `series` are aligned measurements (same length); `f` receives their means in order.
 *
 * @example
 * jackknife([e, e2], ([m1, m2]) => beta * beta * n * (m2 - m1 * m1))
 */
export function jackknife(series: ArrayLike<number>[], f: (means: number[]) => number, blocks = 32): JackknifeResult {
  const length = Math.min(...series.map((s) => s.length));
  const nBlocks = Math.max(2, Math.min(blocks, length));
  const perBlock = series.map((s) => blockMeans(s, nBlocks));
  const totals = perBlock.map((b) => b.reduce((a, x) => a + x, 0));
  const full = f(totals.map((t) => t / nBlocks));
  const leaveOut = new Float64Array(nBlocks);
  let leaveOutMean = 0;
  for (let b = 0; b < nBlocks; b++) {
    leaveOut[b] = f(totals.map((t, k) => (t - perBlock[k][b]) / (nBlocks - 1)));
    leaveOutMean += leaveOut[b] / nBlocks;
  }
  let sum = 0;
  for (let b = 0; b < nBlocks; b++) sum += (leaveOut[b] - leaveOutMean) ** 2;
  return { value: full, error: Math.sqrt(((nBlocks - 1) / nBlocks) * sum) };
}
