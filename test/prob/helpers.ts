import { readFileSync } from 'node:fs';
import { Rng } from '../../src/core/rng.js';
import { type DataMatrix, GaussianMixture } from '../../src/prob/index.js';

const NON_FINITE: Record<string, number> = { Infinity, '-Infinity': -Infinity, NaN: Number.NaN };

/** Load a JSON fixture from test/prob/fixtures ("Infinity", "-Infinity", "NaN" strings become numbers). */
export function fixture<T>(name: string): T {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  return JSON.parse(text, (_key, v: unknown) => (typeof v === 'string' && v in NON_FINITE ? NON_FINITE[v] : v)) as T;
}

/** |actual - expected| <= rel * max(1, |expected|), with infinities compared exactly. */
export function expectClose(actual: number, expected: number, rel: number, label = ''): void {
  if (!Number.isFinite(expected)) {
    // scipy reports an undefined moment (Student-t mean for df <= 1) as inf; gibbs says NaN
    if (Number.isFinite(actual)) throw new Error(`${label}: got ${actual}, expected a non-finite value (${expected})`);
    return;
  }
  const ok = Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected));
  if (!ok) throw new Error(`${label}: got ${actual}, expected ${expected} (rel tolerance ${rel})`);
}

/**
 * Kolmogorov–Smirnov statistic sup |F_n(x) - F(x)| of samples against a continuous cdf.
 * Under the null, P(sqrt(n) D > 1.949) ~ 0.001 (Kolmogorov distribution), the threshold used by
 * {@link KS_CRITICAL_0001}.
 */
export function ksStatistic(samples: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/** sqrt(n) D critical value at significance 0.001 (asymptotic Kolmogorov distribution). */
export const KS_CRITICAL_0001 = 1.9495;

/** Whether the samples pass the KS test at level 0.001. */
export function ksPasses(samples: ArrayLike<number>, cdf: (x: number) => number): boolean {
  return Math.sqrt(samples.length) * ksStatistic(samples, cdf) < KS_CRITICAL_0001;
}

/** Assert a sequence never decreases by more than rounding (1e-12 relative). */
export function expectNonDecreasing(history: number[]): void {
  for (let t = 1; t < history.length; t++) {
    const drop = history[t - 1] - history[t];
    if (drop > 1e-12 * Math.abs(history[t - 1])) throw new Error(`objective decreased at iteration ${t}: ${history[t - 1]} -> ${history[t]}`);
  }
}

/** Three well-separated 2D clusters sampled from a known mixture. */
export function threeClusters(n: number, seed: number): { truth: GaussianMixture; x: DataMatrix } {
  const truth = new GaussianMixture({
    covarianceType: 'full',
    dim: 2,
    weights: Float64Array.of(0.5, 0.3, 0.2),
    means: Float64Array.of(0, 0, 5, 1, -3, 4),
    covariances: Float64Array.of(1, 0.4, 0.4, 0.8, 0.5, 0, 0, 2, 0.3, -0.1, -0.1, 0.4),
  });
  return { truth, x: truth.sample(Rng.fromSeed(seed), n).points };
}
