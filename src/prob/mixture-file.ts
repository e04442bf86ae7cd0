/**
 * Saved mixture models (JSON), as written by `gibbs mixture fit --save` and read by
 * `gibbs mixture score|sample`:
 *   { "kind": "gibbs-mixture", "version": 1, "model": "gaussian" | "bayes-gaussian" | "bernoulli",
 *     "covariance": "full" | "diag" | "spherical" (Gaussian models), "columns": [...],
 *     "weights": [...], "means": [[...]], "covariances": [...] (scikit-learn shapes: full K x d x d,
 *     diag K x d, spherical K), "probabilities": [[...]] (Bernoulli), "anomaly": { "quantile", "threshold" },
 *     "fit": { ...how it was fitted, informational } }
 */
import { z } from 'zod';
import { GibbsError } from '../core/errors.js';
import { zodToGibbsError } from '../models/zod-errors.js';
import { BernoulliMixture } from './bernoulli-mixture.js';
import { type CovarianceType, GaussianMixture } from './gaussian-mixture.js';

/** Which mixture family a file holds. */
export type MixtureKind = 'gaussian' | 'bayes-gaussian' | 'bernoulli';

/** A mixture model with the data columns it was fitted on and its anomaly threshold. */
export interface SavedMixture {
  kind: MixtureKind;
  model: GaussianMixture | BernoulliMixture;
  columns: string[];
  anomaly: { quantile: number; threshold: number };
  fit?: Record<string, unknown>;
}

const matrix = z.array(z.array(z.number()));
const schema = z.strictObject({
  kind: z.literal('gibbs-mixture'),
  version: z.literal(1),
  model: z.enum(['gaussian', 'bayes-gaussian', 'bernoulli']),
  covariance: z.enum(['full', 'diag', 'spherical']).optional(),
  columns: z.array(z.string()).min(1),
  weights: z.array(z.number()).min(1),
  means: matrix.optional(),
  covariances: z.union([z.array(matrix), matrix, z.array(z.number())]).optional(),
  probabilities: matrix.optional(),
  anomaly: z.strictObject({ quantile: z.number().min(0).max(1), threshold: z.number() }),
  fit: z.record(z.string(), z.unknown()).optional(),
});

function nested(flat: Float64Array, rows: number): number[][] {
  const cols = flat.length / rows;
  return Array.from({ length: rows }, (_, i) => Array.from(flat.subarray(i * cols, (i + 1) * cols)));
}

/** Covariances in scikit-learn's shape for the type: K x d x d, K x d, or K. */
export function covariancesForJson(model: GaussianMixture): number[] | number[][] | number[][][] {
  const { components: k, dim: d, covariances: c } = model;
  if (model.covarianceType === 'full') return Array.from({ length: k }, (_, j) => nested(c.subarray(j * d * d, (j + 1) * d * d), d));
  if (model.covarianceType === 'diag') return nested(c, k);
  return Array.from(c);
}

/** The JSON object of a saved mixture. */
export function mixtureToJson(saved: SavedMixture): Record<string, unknown> {
  const m = saved.model;
  const common = { kind: 'gibbs-mixture', version: 1, model: saved.kind };
  const body =
    m instanceof GaussianMixture
      ? { covariance: m.covarianceType, columns: saved.columns, weights: Array.from(m.weights), means: nested(m.means, m.components), covariances: covariancesForJson(m) }
      : { columns: saved.columns, weights: Array.from(m.weights), probabilities: nested(m.probabilities, m.components) };
  return { ...common, ...body, anomaly: saved.anomaly, ...(saved.fit ? { fit: saved.fit } : {}) };
}

/** Parse and validate a saved mixture file. */
export function parseMixtureFile(text: string, source: string): SavedMixture {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new GibbsError(`${source}: not valid JSON (${(error as Error).message})`, source);
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw zodToGibbsError(parsed.error, input, source);
  const f = parsed.data;
  const d = f.columns.length;
  const k = f.weights.length;
  const flat = (name: string, value: unknown, shape: number[]): Float64Array => {
    const out = (value as unknown[]).flat(2) as number[];
    const expected = shape.reduce((a, b) => a * b, 1);
    const depth = (v: unknown): number => (Array.isArray(v) ? 1 + depth(v[0]) : 0);
    if (out.length !== expected || depth(value) !== shape.length) throw new GibbsError(`${source}: ${name}: expected shape ${shape.join(' x ')} (components x columns)`, name);
    return Float64Array.from(out);
  };
  try {
    if (f.model === 'bernoulli') {
      if (f.probabilities === undefined) throw new GibbsError(`${source}: probabilities: missing (a Bernoulli mixture needs components x columns probabilities)`, 'probabilities');
      return { kind: f.model, model: new BernoulliMixture(f.weights, flat('probabilities', f.probabilities, [k, d]), d), columns: f.columns, anomaly: f.anomaly, fit: f.fit };
    }
    const type: CovarianceType = f.covariance ?? 'full';
    if (f.means === undefined || f.covariances === undefined) throw new GibbsError(`${source}: means and covariances: required for a Gaussian mixture`, 'means');
    const covShape = type === 'full' ? [k, d, d] : type === 'diag' ? [k, d] : [k];
    const model = new GaussianMixture({ covarianceType: type, dim: d, weights: Float64Array.from(f.weights), means: flat('means', f.means, [k, d]), covariances: flat('covariances', f.covariances, covShape) });
    return { kind: f.model, model, columns: f.columns, anomaly: f.anomaly, fit: f.fit };
  } catch (error) {
    if (error instanceof GibbsError && !error.message.startsWith(source)) throw new GibbsError(`${source}: ${error.message}`, error.field);
    throw error;
  }
}
