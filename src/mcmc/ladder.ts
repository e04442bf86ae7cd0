import { GibbsError, invalidValue, requireInteger, requirePositive } from '../core/errors.js';

/**
 * A geometric temperature ladder T_k = tMin (tMax / tMin)^(k / (count - 1)), returned as inverse
 * temperatures beta_k = 1 / T_k from the coldest (the target, k = 0) to the hottest. Geometric
 * spacing gives roughly uniform swap rates when the heat capacity is constant.
 *
 * @example geometricLadder(0.5, 2, 3) // betas [2, 1, 0.5]
 */
export function geometricLadder(tMin: number, tMax: number, count: number): number[] {
  requirePositive('tMin', tMin);
  requirePositive('tMax', tMax);
  requireInteger('replicas', count, 2, 1024);
  if (!(tMax > tMin)) throw invalidValue('tMax', tMax, `a temperature above the target ${tMin}`);
  return Array.from({ length: count }, (_, k) => 1 / (tMin * (tMax / tMin) ** (k / (count - 1))));
}

/** Check a ladder: at least two finite betas > 0, strictly decreasing (temperatures increasing). */
export function checkLadder(betas: readonly number[]): void {
  if (!Array.isArray(betas) || betas.length < 2) throw invalidValue('betas', betas, 'a ladder of at least 2 inverse temperatures');
  betas.forEach((b, k) => {
    requirePositive(`betas[${k}]`, b);
    if (k > 0 && !(b < betas[k - 1])) throw new GibbsError(`betas[${k}]: got ${b}, expected a ladder strictly decreasing in beta (increasing in T) from the target betas[0]`, 'betas');
  });
}

/**
 * One step of ladder placement for uniform swap rates (after Vousden, Farr & Mandel, MNRAS 455,
 * 1919, 2016): the log temperature gaps S_k = log(T_{k+1} - T_k) move by gain (A_k - mean A),
 * so gaps with easy swaps widen and hard ones narrow; the end points stay fixed.
 * `acceptance[k]` is the mean swap acceptance of pair (k, k+1) over the last window.
 */
export function placeLadder(betas: Float64Array, acceptance: ArrayLike<number>, gain: number): void {
  const count = betas.length;
  const t = Array.from(betas, (b) => 1 / b);
  const span = t[count - 1] - t[0];
  let mean = 0;
  for (let k = 0; k < count - 1; k++) mean += acceptance[k] / (count - 1);
  const gaps = new Float64Array(count - 1);
  let total = 0;
  for (let k = 0; k < count - 1; k++) {
    gaps[k] = Math.exp(Math.log(t[k + 1] - t[k]) + gain * (acceptance[k] - mean));
    total += gaps[k];
  }
  let temperature = t[0];
  for (let k = 1; k < count - 1; k++) {
    temperature += (gaps[k - 1] * span) / total;
    betas[k] = 1 / temperature;
  }
}
