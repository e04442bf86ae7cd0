import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { ConjugateNormal, type NigParameters, checkNormalPosteriorByImportanceSampling } from '../../src/prob/index.js';
import { expectClose, fixture } from './helpers.js';

interface Fx {
  data: number[];
  cases: Array<{ prior: NigParameters; logEvidence: number; posteriorMeanMu: number; posteriorMeanSigma2: number }>;
  reference: { level: number; mean: { estimate: number; lower: number; upper: number }; variance: { lower: number; upper: number }; predictive: { df: number; location: number; scale: number } };
}

const fx = fixture<Fx>('conjugate-normal.json');

describe('conjugate Normal-Inverse-Gamma inference', () => {
  it.each(fx.cases.map((c) => [JSON.stringify(c.prior), c] as const))('prior %s: evidence and posterior means match numerical integration (scipy)', (_p, c) => {
    const post = ConjugateNormal.withPrior(c.prior).observeAll(fx.data);
    expectClose(post.logEvidence() as number, c.logEvidence, 1e-9, 'logEvidence');
    expectClose(post.meanMarginal().mean(), c.posteriorMeanMu, 1e-9, 'E[mu]');
    expectClose(post.varianceMarginal().mean(), c.posteriorMeanSigma2, 1e-9, 'E[sigma2]');
  });

  it('reference prior reproduces the classical t and chi-square intervals', () => {
    const s = ConjugateNormal.reference().observeAll(fx.data).summary(fx.reference.level);
    expectClose(s.mean.estimate, fx.reference.mean.estimate, 1e-13, 'mean');
    expectClose(s.mean.lower, fx.reference.mean.lower, 1e-11, 'mean.lower');
    expectClose(s.mean.upper, fx.reference.mean.upper, 1e-11, 'mean.upper');
    expectClose(s.variance.lower, fx.reference.variance.lower, 1e-10, 'variance.lower');
    expectClose(s.variance.upper, fx.reference.variance.upper, 1e-10, 'variance.upper');
    expectClose(s.predictive.df, fx.reference.predictive.df, 1e-14, 'predictive.df');
    expectClose(s.predictive.scale, fx.reference.predictive.scale, 1e-12, 'predictive.scale');
    expect(s.logEvidence).toBeNull();
  });

  it('sequential updates equal the batch update, for any split of the data (property)', () => {
    const prior = fx.cases[1].prior;
    const batch = ConjugateNormal.withPrior(prior).observeAll(fx.data);
    let seq = ConjugateNormal.withPrior(prior);
    for (const x of fx.data) seq = seq.observe(x);
    for (const key of ['mu', 'kappa', 'alpha', 'beta'] as const) expectClose(seq.posterior[key], batch.posterior[key], 1e-13, key);
    expect(seq.n).toBe(batch.n);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 40 }), fc.nat(), (xs, cut) => {
        const k = cut % (xs.length + 1);
        const whole = ConjugateNormal.reference().observeAll(xs).posterior;
        const split = ConjugateNormal.reference().observeAll(xs.slice(0, k)).observeAll(xs.slice(k)).posterior;
        let one = ConjugateNormal.reference();
        for (const x of xs) one = one.observe(x);
        for (const key of ['mu', 'kappa', 'alpha', 'beta'] as const) {
          const scale = key === 'beta' ? Math.max(1, whole.beta) : Math.max(1, Math.abs(whole[key]));
          expect(Math.abs(split[key] - whole[key]) / scale).toBeLessThan(1e-11);
          expect(Math.abs(one.posterior[key] - whole[key]) / scale).toBeLessThan(1e-11);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the evidence is the product of one-step-ahead predictives (chain rule)', () => {
    const prior = fx.cases[0].prior;
    let post = ConjugateNormal.withPrior(prior);
    let logEvidence = 0;
    for (const x of fx.data) {
      logEvidence += post.predictive().logPdf(x);
      post = post.observe(x);
    }
    expectClose(logEvidence, post.logEvidence() as number, 1e-11, 'sum of log predictives');
  });

  it('Monte Carlo check by importance sampling from the prior agrees within 4 standard errors; a broken update is detected', () => {
    const prior = { mu: 1, kappa: 0.5, alpha: 3, beta: 4 };
    const data = fx.data.slice(0, 6);
    const mc = checkNormalPosteriorByImportanceSampling(prior, data, Rng.fromSeed(17), 200_000);
    expect(mc.ess).toBeGreaterThan(1000);
    const post = ConjugateNormal.withPrior(prior).observeAll(data);
    const within = (est: { mean: number; error: number }, exact: number) => Math.abs(est.mean - exact) < 4 * est.error;
    expect(within(mc.mu, post.meanMarginal().mean())).toBe(true);
    expect(within(mc.sigma2, post.varianceMarginal().mean())).toBe(true);
    expect(within(mc.logEvidence, post.logEvidence() as number)).toBe(true);
    // broken: forget the kappa n (xbar - mu0)^2 / (2 kappa_n) term of the beta update
    const xbar = data.reduce((a, b) => a + b, 0) / data.length;
    const brokenBeta = post.posterior.beta - (prior.kappa * data.length * (xbar - prior.mu) ** 2) / (2 * post.posterior.kappa);
    expect(within(mc.sigma2, brokenBeta / (post.posterior.alpha - 1))).toBe(false);
  });

  it('summary: estimates, intervals and errors', () => {
    const s = ConjugateNormal.withPrior(fx.cases[0].prior).observeAll(fx.data).summary(0.95);
    expect(s.mean.lower).toBeLessThan(s.mean.estimate);
    expect(s.mean.upper).toBeGreaterThan(s.mean.estimate);
    expect(s.variance.lower).toBeLessThan(s.variance.estimate);
    expect(() => ConjugateNormal.reference().observe(1).summary()).toThrow(/reference prior needs at least 2 observations/);
    expect(() => ConjugateNormal.reference().observeAll([2, 2, 2]).summary()).toThrow(/all equal/);
    expect(() => ConjugateNormal.withPrior({ mu: 0, kappa: 0, alpha: 1, beta: 1 })).toThrow('prior.kappa0: got 0, expected a finite number > 0');
    expect(() => ConjugateNormal.reference().observe(Number.NaN)).toThrow(/x: got NaN/);
  });
});
