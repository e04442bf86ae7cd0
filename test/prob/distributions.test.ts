import { describe, expect, it } from 'vitest';
import { GibbsError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import {
  Bernoulli,
  Beta,
  Categorical,
  Dirichlet,
  Gamma,
  InverseGamma,
  MultivariateNormal,
  Normal,
  NormalInverseGamma,
  StudentT,
  type UnivariateDistribution,
} from '../../src/prob/index.js';
import { gammaVariate } from '../../src/prob/variates.js';
import { expectClose, fixture, ksPasses } from './helpers.js';

interface UnivariateFixture {
  name: string;
  params: Record<string, number>;
  x: number[];
  logPdf: number[];
  cdf: number[];
  p: number[];
  quantile: number[];
  mean: number;
  variance: number;
  entropy: number;
}

interface Fixtures {
  univariate: UnivariateFixture[];
  multivariateNormal: Array<{ mean: number[]; covariance: number[]; x: number[][]; logPdf: number[]; entropy: number }>;
  dirichlet: Array<{ alpha: number[]; x: number[][]; logPdf: number[]; mean: number[]; variance: number[]; entropy: number }>;
  normalInverseGamma: Array<{ params: { mu0: number; kappa: number; alpha: number; beta: number }; points: number[][]; logPdf: number[]; entropy: number; meanMarginal: { df: number; location: number; scale: number; q975: number } }>;
}

const fx = fixture<Fixtures>('distributions.json');

function build(f: UnivariateFixture): UnivariateDistribution {
  const p = f.params;
  switch (f.name) {
    case 'Normal':
      return new Normal(p.mean, p.sd);
    case 'StudentT':
      return new StudentT(p.df, p.location, p.scale);
    case 'Gamma':
      return new Gamma(p.shape, p.rate);
    case 'InverseGamma':
      return new InverseGamma(p.shape, p.scale);
    case 'Beta':
      return new Beta(p.a, p.b);
    case 'Bernoulli':
      return new Bernoulli(p.p);
    default:
      throw new Error(f.name);
  }
}

const label = (f: UnivariateFixture) => `${f.name}(${Object.values(f.params).join(', ')})`;

describe('univariate distributions against scipy.stats fixtures', () => {
  it.each(fx.univariate.map((f) => [label(f), f] as const))('%s', (_name, f) => {
    const d = build(f);
    f.x.forEach((x, i) => expectClose(d.logPdf(x), f.logPdf[i], 1e-11, `logPdf(${x})`));
    // cdf: absolute agreement (tail values near 0 or 1), plus relative in the lower tail
    f.x.forEach((x, i) => {
      expect(Math.abs(d.cdf(x) - f.cdf[i]), `cdf(${x})`).toBeLessThan(1e-13);
      if (f.cdf[i] > 0 && f.cdf[i] < 1e-3) expectClose(d.cdf(x) / f.cdf[i], 1, 1e-9, `cdf(${x}) relative`);
    });
    f.p.forEach((p, i) => expectClose(d.quantile(p), f.quantile[i], 1e-9, `quantile(${p})`));
    expectClose(d.mean(), f.mean, 1e-12, 'mean');
    expectClose(d.variance(), f.variance, 1e-12, 'variance');
    expectClose(d.entropy(), f.entropy, 1e-11, 'entropy');
  });

  it('quantile inverts cdf for the continuous families', () => {
    for (const f of fx.univariate.filter((g) => g.name !== 'Bernoulli')) {
      const d = build(f);
      for (const p of [0.02, 0.4, 0.9]) expectClose(d.cdf(d.quantile(p)), p, 1e-10, `${label(f)} cdf(quantile(${p}))`);
    }
  });
});

describe('sampling matches the cdf (Kolmogorov–Smirnov at level 0.001)', () => {
  const cases: Array<[string, UnivariateDistribution]> = [
    ['Normal(1, 2)', new Normal(1, 2)],
    ['StudentT(2.5, 1, 0.5)', new StudentT(2.5, 1, 0.5)],
    ['Gamma(0.3, 1)', new Gamma(0.3, 1)],
    ['Gamma(1, 2)', new Gamma(1, 2)],
    ['Gamma(7.5, 0.5)', new Gamma(7.5, 0.5)],
    ['InverseGamma(3, 4)', new InverseGamma(3, 4)],
    ['Beta(0.5, 0.5)', new Beta(0.5, 0.5)],
    ['Beta(2, 5)', new Beta(2, 5)],
  ];
  it.each(cases)('%s', (_name, d) => {
    const samples = d.sampleMany(Rng.fromSeed(11), 4000);
    expect(ksPasses(samples, (x) => d.cdf(x))).toBe(true);
  });

  it('detects a broken Gamma sampler (shape off by 5%)', () => {
    const rng = Rng.fromSeed(11);
    const broken = Float64Array.from({ length: 4000 }, () => gammaVariate(rng, 2 * 1.05));
    const target = new Gamma(2, 1);
    expect(ksPasses(broken, (x) => target.cdf(x))).toBe(false);
  });

  it('Bernoulli frequencies within 4 standard errors', () => {
    const d = new Bernoulli(0.3);
    const n = 20000;
    const mean = d.sampleMany(Rng.fromSeed(5), n).reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(mean - 0.3)).toBeLessThan(4 * Math.sqrt(d.variance() / n));
  });
});

describe('multivariate normal', () => {
  it.each(fx.multivariateNormal.map((f) => [f.mean.length, f] as const))('d = %i against scipy', (_d, f) => {
    const g = new MultivariateNormal(f.mean, f.covariance);
    f.x.forEach((x, i) => expectClose(g.logPdf(x), f.logPdf[i], 1e-12, 'logPdf'));
    expectClose(g.entropy(), f.entropy, 1e-12, 'entropy');
  });

  it('sample mean and covariance within 4 standard errors', () => {
    const cov = [2, 0.3, -0.4, 0.3, 1, 0.2, -0.4, 0.2, 0.5];
    const g = new MultivariateNormal([1, -2, 3], cov);
    const rng = Rng.fromSeed(9);
    const n = 20000;
    const sum = new Float64Array(3);
    const cross = new Float64Array(9);
    for (let s = 0; s < n; s++) {
      const x = g.sample(rng);
      for (let i = 0; i < 3; i++) {
        sum[i] += x[i];
        for (let j = 0; j < 3; j++) cross[i * 3 + j] += (x[i] - g.mu[i]) * (x[j] - g.mu[j]);
      }
    }
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(sum[i] / n - g.mu[i])).toBeLessThan(4 * Math.sqrt(cov[i * 4] / n));
      for (let j = 0; j < 3; j++) {
        // Var of x_i x_j for a Gaussian: S_ii S_jj + S_ij^2
        const se = Math.sqrt((cov[i * 4] * cov[j * 4] + cov[i * 3 + j] ** 2) / n);
        expect(Math.abs(cross[i * 3 + j] / n - cov[i * 3 + j])).toBeLessThan(4 * se);
      }
    }
  });

  it('rejects a covariance that is not positive definite, with a clear message', () => {
    expect(() => new MultivariateNormal([0, 0], [1, 2, 2, 1])).toThrow(/not positive definite/);
    expect(() => new MultivariateNormal([0, 0], [1, 0.5, 0.2, 1])).toThrow(/not symmetric/);
    expect(() => new MultivariateNormal([0, 0], [1, 0, 0])).toThrow(GibbsError);
  });
});

describe('Dirichlet', () => {
  it.each(fx.dirichlet.map((f) => [f.alpha.join(','), f] as const))('alpha = %s against scipy', (_a, f) => {
    const d = new Dirichlet(f.alpha);
    f.x.forEach((x, i) => expectClose(d.logPdf(x), f.logPdf[i], 1e-11, 'logPdf'));
    d.mean().forEach((m, i) => expectClose(m, f.mean[i], 1e-14, 'mean'));
    d.variance().forEach((v, i) => expectClose(v, f.variance[i], 1e-14, 'variance'));
    expectClose(d.entropy(), f.entropy, 1e-11, 'entropy');
  });

  it('samples lie on the simplex with the right means (tiny concentrations do not underflow)', () => {
    const d = new Dirichlet([0.01, 0.5, 3]);
    const rng = Rng.fromSeed(2);
    const n = 20000;
    const sum = new Float64Array(3);
    for (let s = 0; s < n; s++) {
      const x = d.sample(rng);
      expect(Math.abs(x[0] + x[1] + x[2] - 1)).toBeLessThan(1e-12);
      expect(x.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
      for (let i = 0; i < 3; i++) sum[i] += x[i];
    }
    const mean = d.mean();
    const variance = d.variance();
    for (let i = 0; i < 3; i++) expect(Math.abs(sum[i] / n - mean[i])).toBeLessThan(4 * Math.sqrt(variance[i] / n));
  });
});

describe('Normal-Inverse-Gamma', () => {
  it.each(fx.normalInverseGamma.map((f) => [JSON.stringify(f.params), f] as const))('%s against scipy (entropy by numerical integration)', (_p, f) => {
    const { mu0, kappa, alpha, beta } = f.params;
    const nig = new NormalInverseGamma(mu0, kappa, alpha, beta);
    f.points.forEach(([mu, s2], i) => expectClose(nig.logPdf(mu, s2), f.logPdf[i], 1e-12, 'logPdf'));
    expectClose(nig.entropy(), f.entropy, 1e-9, 'entropy');
    const t = nig.meanMarginal();
    expectClose(t.scale, f.meanMarginal.scale, 1e-14, 'marginal scale');
    expectClose(t.quantile(0.975), f.meanMarginal.q975, 1e-10, 'marginal quantile');
  });

  it('samples have the Student-t and Inverse-Gamma marginals', () => {
    const nig = new NormalInverseGamma(1.5, 0.5, 3, 2);
    const rng = Rng.fromSeed(4);
    const mus = new Float64Array(4000);
    const vars = new Float64Array(4000);
    for (let i = 0; i < mus.length; i++) ({ mu: mus[i], sigma2: vars[i] } = nig.sample(rng));
    expect(ksPasses(mus, (x) => nig.meanMarginal().cdf(x))).toBe(true);
    expect(ksPasses(vars, (x) => nig.varianceMarginal().cdf(x))).toBe(true);
  });
});

describe('Categorical', () => {
  it('frequencies match the probabilities (chi-square within its 0.001 critical value)', () => {
    const probs = [0.1, 0, 0.45, 0.25, 0.2];
    const c = new Categorical(probs);
    const n = 20000;
    const counts = new Float64Array(5);
    for (const k of c.sampleMany(Rng.fromSeed(8), n)) counts[k]++;
    expect(counts[1]).toBe(0);
    let chi2 = 0;
    probs.forEach((p, k) => p > 0 && (chi2 += (counts[k] - n * p) ** 2 / (n * p)));
    expect(chi2).toBeLessThan(16.27); // chi-square, 3 dof, upper 0.001 point
    expect(c.quantile(0)).toBe(0);
    expect(c.quantile(0.1)).toBe(0);
    expect(c.quantile(0.1000001)).toBe(2);
    expect(c.cdf(2)).toBeCloseTo(0.55, 15);
  });

  it('rejects unnormalised or negative probabilities', () => {
    expect(() => new Categorical([0.5, 0.6])).toThrow(/sum to 1.1/);
    expect(() => new Categorical([1.5, -0.5])).toThrow(/Categorical.probs\[1\]/);
  });
});

describe('parameter validation', () => {
  it('names the distribution, the parameter and the allowed range', () => {
    expect(() => new Normal(0, -1)).toThrow('Normal.sd: got -1, expected a finite number > 0');
    expect(() => new Gamma(0, 1)).toThrow(/Gamma.shape/);
    expect(() => new StudentT(Number.NaN)).toThrow(/StudentT.df/);
    expect(() => new Beta(1, Infinity)).toThrow(/Beta.b/);
    expect(() => new Bernoulli(1.2)).toThrow(/Bernoulli.p/);
    expect(() => new Dirichlet([1])).toThrow(/at least 2/);
    expect(() => new Normal(0, 1).quantile(1.5)).toThrow(/p: got 1.5/);
  });
});
