import { mean, variance } from './running-stats.js';

/**
 * Split R-hat (Gelman et al., Bayesian Data Analysis, 3rd ed., §11.4): each chain is cut in half,
 * and the between-half variance is compared with the within-half variance. Values near 1 mean
 * the chains agree; above ~1.01 they have not mixed. Needs at least 2 values per half.
 * Returns NaN for fewer than 4 values per chain, and 1 when every value is identical.
  *
  * @example
  * splitRHat([chainA, chainB]); // ~1 for converged chains
 */
export function splitRHat(chains: ArrayLike<number>[]): number {
  if (chains.length === 0) return Number.NaN;
  const length = Math.min(...chains.map((c) => c.length));
  const half = Math.floor(length / 2);
  if (half < 2) return Number.NaN;
  const halves: Float64Array[] = [];
  for (const chain of chains) {
    const offset = chain.length - 2 * half; // drop the first values of an odd-length chain
    halves.push(Float64Array.from({ length: half }, (_, i) => chain[offset + i]));
    halves.push(Float64Array.from({ length: half }, (_, i) => chain[offset + half + i]));
  }
  const means = halves.map((h) => mean(h));
  const within = mean(halves.map((h) => variance(h)));
  const between = half * variance(means);
  if (within === 0) return between === 0 ? 1 : Infinity;
  const pooled = ((half - 1) / half) * within + between / half;
  return Math.sqrt(pooled / within);
}
