import { integratedAutocorrelationTime } from './autocorrelation.js';
import { splitRHat } from './rhat.js';
import { mean, variance } from './running-stats.js';

/**
 * A Monte Carlo estimate with its uncertainty (DESIGN.md: estimates carry their uncertainty).
 * `error` is the standard error of the mean, from the integrated autocorrelation time `tau`
 * (Sokal convention: 0.5 for independent samples, in units of measurements); `ess` is the
 * effective number of independent samples; `rHat` is split R-hat when several chains ran.
 */
export interface Estimate {
  mean: number;
  error: number;
  tau: number;
  ess: number;
  rHat?: number;
}

/**
 * Estimate the mean of one correlated series: error^2 = 2 tau Var(x) / n, ess = n / (2 tau).
 * @example estimateSeries(energySeries) // { mean, error, tau, ess }
 */
export function estimateSeries(series: ArrayLike<number>): Estimate {
  const n = series.length;
  if (n === 0) return { mean: Number.NaN, error: Number.NaN, tau: Number.NaN, ess: 0 };
  const m = mean(series);
  if (n === 1) return { mean: m, error: Number.NaN, tau: 0.5, ess: 1 };
  const { tau } = integratedAutocorrelationTime(series);
  const v = variance(series);
  return { mean: m, error: Math.sqrt((2 * tau * v) / n), tau, ess: n / (2 * tau) };
}

/**
 * Combine independent chains of the same observable: the grand mean, its error from each
 * chain's own autocorrelation, the mean tau, the summed ESS and split R-hat across chains.
  *
  * @example
  * estimateChains([chainA, chainB]); // { mean, error, tau, ess, rHat }
 */
export function estimateChains(chains: ArrayLike<number>[]): Estimate {
  if (chains.length === 1) return { ...estimateSeries(chains[0]), rHat: splitRHat(chains) };
  const parts = chains.map((c) => estimateSeries(c));
  const total = chains.reduce((s, c) => s + c.length, 0);
  let m = 0;
  let errorSquared = 0;
  for (let i = 0; i < chains.length; i++) {
    const w = chains[i].length / total;
    m += w * parts[i].mean;
    errorSquared += w * w * parts[i].error * parts[i].error;
  }
  const tau = mean(parts.map((p) => p.tau));
  const ess = parts.reduce((s, p) => s + p.ess, 0);
  return { mean: m, error: Math.sqrt(errorSquared), tau, ess, rHat: splitRHat(chains) };
}
