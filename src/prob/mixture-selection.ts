/**
 * Choosing the number of components: by BIC (-2 log L + p log n, lower is better; Schwarz 1978)
 * for maximum-likelihood mixtures, or by the ELBO (higher is better, a bound on log evidence)
 * for the variational Bayesian mixture.
 */
import { invalidValue } from '../core/errors.js';

/** One candidate of a model-selection table. */
export interface SelectionRow<F> {
  components: number;
  /** BIC (lower is better) or ELBO (higher is better). */
  score: number;
  fit: F;
}

/**
 * Fit every candidate K and pick the best by `score` ('bic': minimum; 'elbo': maximum).
 * @example
 * selectComponents([1, 2, 3, 4], (k) => fitGaussianMixture(x, { components: k }), (f) => f.bic, 'bic')
 */
export function selectComponents<F>(candidates: number[], fit: (k: number) => F, score: (f: F) => number, criterion: 'bic' | 'elbo'): { best: SelectionRow<F>; table: SelectionRow<F>[] } {
  if (candidates.length === 0) throw invalidValue('components', [], 'at least one candidate number of components');
  const table = candidates.map((k) => {
    const f = fit(k);
    return { components: k, score: score(f), fit: f };
  });
  let best = table[0];
  for (const row of table) if (criterion === 'bic' ? row.score < best.score : row.score > best.score) best = row;
  return { best, table };
}
