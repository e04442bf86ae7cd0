import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import {
  BernoulliMixture,
  anomalyThreshold,
  empiricalQuantile,
  fitBernoulliMixture,
  fitGaussianMixture,
  flagAnomalies,
  mixtureToJson,
  parseMixtureFile,
  selectComponents,
  toDataMatrix,
} from '../../src/prob/index.js';
import { expectClose, expectNonDecreasing, threeClusters } from './helpers.js';

/** Two noisy prototypes of 12 binary pixels: A = first half on, B = even pixels on. */
const protoA = Array.from({ length: 12 }, (_, j) => (j < 6 ? 0.9 : 0.1));
const protoB = Array.from({ length: 12 }, (_, j) => (j % 2 === 0 ? 0.85 : 0.05));
const model = new BernoulliMixture(Float64Array.of(0.6, 0.4), Float64Array.from([...protoA, ...protoB]), 12);

describe('Bernoulli mixture', () => {
  it('log density by brute force; ELBO = log-likelihood at the exact responsibilities, below it otherwise', () => {
    const x = [1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0];
    let p = 0;
    for (let k = 0; k < 2; k++) {
      let term = model.weights[k];
      for (let j = 0; j < 12; j++) term *= x[j] ? model.probabilities[k * 12 + j] : 1 - model.probabilities[k * 12 + j];
      p += term;
    }
    expectClose(model.logPdf(x), Math.log(p), 1e-14, 'logPdf');
    const data = model.sample(Rng.fromSeed(1), 200).points;
    const q = model.responsibilities(data);
    expectClose(model.elbo(data, q), model.logLikelihood(data), 1e-12, 'ELBO at posterior');
    const flat = new Float64Array(q.length).fill(0.5);
    expect(model.elbo(data, flat)).toBeLessThan(model.logLikelihood(data));
  });

  it('EM: penalised log-likelihood never decreases; parameters recovered within 4 standard errors', () => {
    const n = 4000;
    const data = model.sample(Rng.fromSeed(2), n).points;
    const fit = fitBernoulliMixture(data, { components: 2, tolerance: 1e-10, rng: Rng.fromSeed(3) });
    expectNonDecreasing(fit.history);
    expect(fit.converged).toBe(true);
    const j = fit.model.probabilities[1] > 0.5 ? 0 : 1; // the component with prototype A (pixel 1 on only in A)
    const w = model.weights[0];
    expect(Math.abs(fit.model.weights[j] - w)).toBeLessThan(4 * Math.sqrt((w * (1 - w)) / n));
    for (let c = 0; c < 2; c++) {
      const fc = c === 0 ? j : 1 - j;
      for (let px = 0; px < 12; px++) {
        const p = model.probabilities[c * 12 + px];
        const se = Math.sqrt((p * (1 - p)) / (n * model.weights[c]));
        expect(Math.abs(fit.model.probabilities[fc * 12 + px] - p)).toBeLessThan(4 * se);
      }
    }
  });

  it('rejects non-binary data', () => {
    expect(() => fitBernoulliMixture(toDataMatrix([[0, 1], [0.5, 1]]), { components: 1 })).toThrow('data[1][0]: got 0.5, expected 0 or 1 (a Bernoulli mixture models binary vectors)');
  });
});

describe('model selection, anomalies and saved models', () => {
  it('BIC picks 2 prototypes for the Bernoulli data', () => {
    const data = model.sample(Rng.fromSeed(4), 1500).points;
    const { best, table } = selectComponents([1, 2, 3, 4], (k) => fitBernoulliMixture(data, { components: k, rng: Rng.fromSeed(k) }), (f) => f.bic, 'bic');
    expect(best.components).toBe(2);
    expect(table.map((r) => r.components)).toEqual([1, 2, 3, 4]);
  });

  it('anomaly threshold flags the chosen fraction of the training data, and far-away points', () => {
    expect(empiricalQuantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    const { x } = threeClusters(2000, 6);
    const gm = fitGaussianMixture(x, { components: 3 }).model;
    const scores = gm.scoreSamples(x);
    const threshold = anomalyThreshold(scores, 0.05);
    const flagged = flagAnomalies(scores, threshold).reduce((a, b) => a + b, 0);
    expect(Math.abs(flagged - 100)).toBeLessThanOrEqual(1);
    expect(flagAnomalies(gm.scoreSamples(toDataMatrix([[40, -40], [0, 0]])), threshold)).toEqual(Uint8Array.of(1, 0));
  });

  it('saved files round-trip for every covariance type and the Bernoulli model; bad files get one-line errors', () => {
    const { x } = threeClusters(300, 2);
    for (const type of ['full', 'diag', 'spherical'] as const) {
      const gm = fitGaussianMixture(x, { components: 2, covarianceType: type }).model;
      const back = parseMixtureFile(JSON.stringify(mixtureToJson({ kind: 'gaussian', model: gm, columns: ['a', 'b'], anomaly: { quantile: 0.01, threshold: -5 } })), 'm.json');
      expect(back.model.scoreSamples(x)).toEqual(gm.scoreSamples(x));
      expect(back.columns).toEqual(['a', 'b']);
    }
    const columns = Array.from({ length: 12 }, (_, j) => `p${j}`);
    const back = parseMixtureFile(JSON.stringify(mixtureToJson({ kind: 'bernoulli', model, columns, anomaly: { quantile: 0, threshold: -1e300 } })), 'b.json');
    expect(back.model.logPdf(Array(12).fill(1))).toBe(model.logPdf(Array(12).fill(1)));
    const good = mixtureToJson({ kind: 'gaussian', model: fitGaussianMixture(x, { components: 2 }).model, columns: ['a', 'b'], anomaly: { quantile: 0.01, threshold: -5 } });
    expect(() => parseMixtureFile('{', 'm.json')).toThrow(/m.json: not valid JSON/);
    expect(() => parseMixtureFile(JSON.stringify({ ...good, weights: [0.5, 0.6] }), 'm.json')).toThrow('m.json: weights: sum to 1.1, expected 1');
    expect(() => parseMixtureFile(JSON.stringify({ ...good, means: [[1, 2, 3], [4, 5, 6]] }), 'm.json')).toThrow(/m.json: means: expected shape 2 x 2/);
    expect(() => parseMixtureFile(JSON.stringify({ ...good, colour: 1 }), 'm.json')).toThrow(/m.json: unknown key "colour"/);
    expect(() => parseMixtureFile(JSON.stringify({ ...good, model: 'poisson' }), 'm.json')).toThrow(/m.json: model: got "poisson"/);
  });
});
