import { fft, nextPowerOfTwo } from './fft.js';
import { mean } from './running-stats.js';

/**
 * Normalised autocorrelation function rho(t) = C(t)/C(0) for t = 0..n-1, computed with a
 * zero-padded FFT in O(n log n). C(t) uses the 1/n (biased) normalisation, the standard choice
 * for windowed tau estimates. A constant series gives rho = [1, 0, 0, ...].
  *
  * @example
  * autocorrelation(Float64Array.of(1, 2, 1, 2, 1, 2))[1]; // negative: alternating series
 */
export function autocorrelation(series: ArrayLike<number>): Float64Array {
  const n = series.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const m = mean(series);
  const size = nextPowerOfTwo(2 * n);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < n; i++) re[i] = series[i] - m;
  fft(re, im);
  for (let i = 0; i < size; i++) {
    re[i] = re[i] * re[i] + im[i] * im[i];
    im[i] = 0;
  }
  fft(re, im, true);
  const c0 = re[0];
  if (!(c0 > 1e-300 * size)) {
    out[0] = 1;
    return out;
  }
  for (let t = 0; t < n; t++) out[t] = re[t] / c0;
  return out;
}

/** The integrated autocorrelation time and the window it was summed over. */
export interface AutocorrelationTime {
  /** tau_int = 1/2 + sum_{t=1}^{W} rho(t), in units of the series' spacing (0.5 for independent data). */
  tau: number;
  /** The summation window W chosen by Sokal's rule. */
  window: number;
}

/**
 * Integrated autocorrelation time with Sokal's automatic window: the smallest W with
 * W >= c * tau_int(W) (A. Sokal, "Monte Carlo Methods in Statistical Mechanics", 1996, §3;
 * c = 5 by default, 6 is also common). With this convention the variance of the mean is
 * 2 tau_int Var(x) / n and the effective sample size n / (2 tau_int).
 *
 * @example integratedAutocorrelationTime(ar1Series).tau // ≈ (1 + phi) / (2 (1 - phi))
 */
export function integratedAutocorrelationTime(series: ArrayLike<number>, c = 5): AutocorrelationTime {
  const n = series.length;
  if (n < 2) return { tau: 0.5, window: 0 };
  const rho = autocorrelation(series);
  let tau = 0.5;
  for (let w = 1; w < n; w++) {
    tau += rho[w];
    if (w >= c * tau) return { tau: Math.max(tau, 0.5), window: w };
  }
  // The window never closed: the series is too short to resolve tau; report the full sum.
  return { tau: Math.max(tau, 0.5), window: n - 1 };
}
