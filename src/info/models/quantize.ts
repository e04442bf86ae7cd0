/**
 * Quantize a probability vector (or counts) to integer frequencies summing to 2^16: the form in
 * which models hand distributions to coders. Symbols of positive weight get frequency >= 1, so
 * every symbol that can occur stays codable; zero-weight symbols get 0.
 */
import { invalidValue } from '../../core/errors.js';
import { PROB_ONE } from '../coding/interval.js';

/**
 * Frequencies f_s >= 1 (for w_s > 0) with sum f_s = 2^16 and f_s ≈ 2^16 w_s / sum w. Rounding
 * excess is taken from (or given to) the largest frequencies, which changes the code length
 * least. Deterministic: the same weights always give the same table.
 *
 * @example quantizeWeights([1, 1, 2]) // Uint32Array [16384, 16384, 32768]
 */
export function quantizeWeights(weights: ArrayLike<number>): Uint32Array {
  const n = weights.length;
  let total = 0;
  let positive = 0;
  for (let s = 0; s < n; s++) {
    const w = weights[s];
    if (!(w >= 0 && Number.isFinite(w))) throw invalidValue(`weights[${s}]`, w, 'a finite number >= 0');
    total += w;
    if (w > 0) positive++;
  }
  if (!(total > 0)) throw invalidValue('weights', 'all zero', 'at least one positive weight');
  if (positive > PROB_ONE) throw invalidValue('weights', `${positive} positive entries`, `at most ${PROB_ONE} symbols of positive probability`);
  const freqs = new Uint32Array(n);
  let sum = 0;
  for (let s = 0; s < n; s++) {
    if (weights[s] > 0) {
      freqs[s] = Math.max(1, Math.round((weights[s] / total) * PROB_ONE));
      sum += freqs[s];
    }
  }
  while (sum !== PROB_ONE) {
    let largest = 0;
    for (let s = 1; s < n; s++) if (freqs[s] > freqs[largest]) largest = s;
    if (sum < PROB_ONE) {
      freqs[largest] += PROB_ONE - sum;
      sum = PROB_ONE;
    } else {
      const take = Math.min(sum - PROB_ONE, freqs[largest] - 1);
      freqs[largest] -= take;
      sum -= take;
    }
  }
  return freqs;
}

/**
 * P(1) of a binary step as the integer p1 in [1, 2^16 - 1] (probability p1 / 2^16).
 * @example quantizeBinary(0.9) // 58982
 */
export function quantizeBinary(p: number): number {
  if (!(p >= 0 && p <= 1)) throw invalidValue('p', p, 'a probability from 0 to 1');
  return Math.min(PROB_ONE - 1, Math.max(1, Math.round(p * PROB_ONE)));
}
