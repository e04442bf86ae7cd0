import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { RunningStats, mean, variance } from '../../src/core/running-stats.js';
import { autocorrelation, integratedAutocorrelationTime } from '../../src/core/autocorrelation.js';
import { binnedError, binningAnalysis } from '../../src/core/binning.js';
import { splitRHat } from '../../src/core/rhat.js';
import { estimateChains, estimateSeries } from '../../src/core/estimate.js';
import { jackknife } from '../../src/core/jackknife.js';

/** AR(1): x_t = phi x_{t-1} + noise, stationary start. rho(t) = phi^t, tau_int = (1+phi)/(2(1-phi)). */
function ar1(phi: number, n: number, rng: Rng): Float64Array {
  const x = new Float64Array(n);
  x[0] = rng.normal() / Math.sqrt(1 - phi * phi);
  for (let t = 1; t < n; t++) x[t] = phi * x[t - 1] + rng.normal();
  return x;
}

describe('running statistics', () => {
  it('Welford agrees with two-pass and merges exactly', () => {
    const rng = Rng.fromSeed(3);
    const xs = Array.from({ length: 1000 }, () => 1e6 + rng.normal());
    const a = new RunningStats();
    const b = new RunningStats();
    xs.forEach((x, i) => (i < 400 ? a : b).push(x));
    a.merge(b);
    expect(a.count).toBe(1000);
    expect(a.mean).toBeCloseTo(mean(xs), 8);
    expect(a.variance / variance(xs)).toBeCloseTo(1, 10);
  });
});

describe('autocorrelation time', () => {
  it('recovers tau_int of an AR(1) series within its statistical error', () => {
    for (const phi of [0.5, 0.9]) {
      const exact = (1 + phi) / (2 * (1 - phi));
      const series = ar1(phi, 200_000, Rng.fromSeed(11));
      const { tau, window } = integratedAutocorrelationTime(series);
      // Sokal's estimate of the variance of tau: var(tau) ≈ 2(2W+1)/n tau^2.
      const sigma = Math.sqrt((2 * (2 * window + 1)) / series.length) * exact;
      expect(Math.abs(tau - exact)).toBeLessThan(4 * sigma);
    }
  });

  it('gives 1/2 for independent samples and rho(t) = phi^t for AR(1)', () => {
    const rng = Rng.fromSeed(12);
    const white = Float64Array.from({ length: 50_000 }, () => rng.normal());
    expect(Math.abs(integratedAutocorrelationTime(white).tau - 0.5)).toBeLessThan(0.05);
    const rho = autocorrelation(ar1(0.8, 100_000, Rng.fromSeed(13)));
    expect(rho[0]).toBe(1);
    expect(Math.abs(rho[1] - 0.8)).toBeLessThan(0.02);
    expect(Math.abs(rho[3] - 0.512)).toBeLessThan(0.03);
  });

  it('a constant series has no autocorrelation and no error', () => {
    const est = estimateSeries(new Float64Array(100).fill(3));
    expect(est.mean).toBe(3);
    expect(est.error).toBe(0);
  });

  it('the error bar covers the true mean at the advertised rate (and would not without tau)', () => {
    // 200 independent AR(1) runs with true mean 0: |mean| < 2 error about 95% of the time.
    const phi = 0.9;
    const rng = Rng.fromSeed(21);
    let covered = 0;
    let coveredNaive = 0;
    const runs = 200;
    for (let r = 0; r < runs; r++) {
      const series = ar1(phi, 4000, rng);
      const est = estimateSeries(series);
      if (Math.abs(est.mean) < 2 * est.error) covered++;
      if (Math.abs(est.mean) < 2 * Math.sqrt(variance(series) / series.length)) coveredNaive++;
    }
    // Binomial(200, 0.95) has sd 3.1: accept 85%..100%. The naive error (tau ignored) covers ~50%.
    expect(covered / runs).toBeGreaterThan(0.85);
    expect(coveredNaive / runs).toBeLessThan(0.75);
  });
});

describe('binning', () => {
  it('plateaus at the autocorrelation-corrected error', () => {
    const series = ar1(0.9, 1 << 17, Rng.fromSeed(31));
    const levels = binningAnalysis(series);
    expect(levels[0].blockSize).toBe(1);
    expect(levels[levels.length - 1].error).toBeGreaterThan(3 * levels[0].error);
    const est = estimateSeries(series);
    expect(binnedError(series) / est.error).toBeGreaterThan(0.7);
    expect(binnedError(series) / est.error).toBeLessThan(1.4);
  });
});

describe('split R-hat', () => {
  it('is near 1 for chains from one distribution and large for chains that disagree', () => {
    const rng = Rng.fromSeed(41);
    const same = [0, 1, 2, 3].map(() => Float64Array.from({ length: 2000 }, () => rng.normal()));
    expect(splitRHat(same)).toBeLessThan(1.01);
    const shifted = same.map((c, i) => c.map((x) => x + i));
    expect(splitRHat(shifted)).toBeGreaterThan(1.5);
    const est = estimateChains(same);
    expect(est.ess).toBeGreaterThan(6000);
    expect(Math.abs(est.mean)).toBeLessThan(4 * est.error);
  });
});

describe('jackknife', () => {
  it('estimates the variance of a normal sample with the right error', () => {
    const rng = Rng.fromSeed(51);
    const x = Float64Array.from({ length: 64_000 }, () => 2 * rng.normal());
    const x2 = x.map((v) => v * v);
    const result = jackknife([x, x2], ([m1, m2]) => m2 - m1 * m1, 64);
    // Var of a sample variance of N(0, 4): 2 sigma^4 / n = 32 / n.
    const expectedError = Math.sqrt(32 / x.length);
    expect(Math.abs(result.value - 4)).toBeLessThan(4 * expectedError);
    expect(result.error / expectedError).toBeGreaterThan(0.6);
    expect(result.error / expectedError).toBeLessThan(1.5);
  });
});
