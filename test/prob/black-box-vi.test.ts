import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { ConjugateNormal, type LogJoint, Tape, fitMeanFieldGaussian, logGamma } from '../../src/prob/index.js';

// Data and the conjugate model whose exact posterior is known (Normal-Inverse-Gamma).
const rng = Rng.fromSeed(42);
const xs = Float64Array.from({ length: 100 }, () => 2 + 1.5 * rng.normal());
const n = xs.length;
const sumX = xs.reduce((a, b) => a + b, 0);
const sumX2 = xs.reduce((a, b) => a + b * b, 0);
const prior = { mu: 0, kappa: 1, alpha: 2, beta: 2 };
const exact = ConjugateNormal.withPrior(prior).observeAll(xs);
const { mu: mu0, kappa, alpha, beta } = prior;
const priorConstant = alpha * Math.log(beta) - logGamma(alpha) - 0.5 * Math.log((2 * Math.PI) / kappa);
const likelihoodConstant = -0.5 * n * Math.log(2 * Math.PI);

/**
 * log p(x, mu, s) with s = log sigma^2 (z unconstrained): NIG prior density of (mu, sigma^2), the
 * log-Jacobian s of sigma^2 = e^s, and the Gaussian likelihood as vector code over the data.
 */
const vectorLogJoint: LogJoint = (t, z) => {
  const mu = t.index(z, 0);
  const s = t.index(z, 1);
  const precision = t.exp(t.neg(s));
  const logPrior = t.sub(t.mul(-(alpha + 1.5), s), t.mul(t.add(beta, t.mul(0.5 * kappa, t.square(t.sub(mu, mu0)))), precision));
  const logLikelihood = t.sub(t.mul(-0.5 * n, s), t.mul(t.mul(0.5, precision), t.sum(t.square(t.sub(xs, mu)))));
  return t.add(priorConstant + likelihoodConstant, t.add(t.add(logPrior, s), logLikelihood));
};

/** The same log joint through the sufficient statistics (cheap; `likelihoodScale` != 1 breaks it). */
function scalarLogJoint(likelihoodScale = 1): LogJoint {
  return (t, z) => {
    const mu = t.index(z, 0);
    const s = t.index(z, 1);
    const precision = t.exp(t.neg(s));
    const logPrior = t.sub(t.mul(-(alpha + 1.5), s), t.mul(t.add(beta, t.mul(0.5 * kappa, t.square(t.sub(mu, mu0)))), precision));
    // sum_i (x_i - mu)^2 = sumX2 - 2 mu sumX + n mu^2
    const squares = t.add(sumX2, t.sub(t.mul(n, t.square(mu)), t.mul(2 * sumX, mu)));
    const logLikelihood = t.add(likelihoodConstant, t.sub(t.mul(-0.5 * n, s), t.mul(t.mul(0.5, precision), squares)));
    return t.add(priorConstant, t.add(t.add(logPrior, s), t.mul(likelihoodScale, logLikelihood)));
  };
}

describe('black-box variational inference with a mean-field Gaussian guide', () => {
  const marginal = exact.meanMarginal();
  const alphaN = exact.posterior.alpha;
  // Mean field on (mu, log sigma^2) gives q(mu) variance 1/(kappa_n E_q[1/sigma^2]) ≈ beta_n/(alpha_n kappa_n):
  // the marginal's beta_n/((alpha_n - 1) kappa_n) times (1 - 1/alpha_n), a known relative bias of 1/alpha_n.
  const matches = (fit: ReturnType<typeof fitMeanFieldGaussian>) => {
    const m = fit.meanEstimates[0];
    const v = fit.varianceEstimates[0];
    return Math.abs(m.mean - marginal.mean()) < 4 * m.error && Math.abs(v.mean - marginal.variance()) < 4 * v.error + marginal.variance() / alphaN;
  };

  it('the vector-code and sufficient-statistics log joints agree in value and gradient', () => {
    for (const z of [[2, 0.8], [1.5, 0.2]]) {
      const t1 = new Tape();
      const z1 = t1.vector(z);
      const a = vectorLogJoint(t1, z1);
      t1.backward(a);
      const t2 = new Tape();
      const z2 = t2.vector(z);
      const b = scalarLogJoint()(t2, z2);
      t2.backward(b);
      expect(Math.abs(a.value - b.value)).toBeLessThan(1e-9 * Math.abs(a.value));
      for (let j = 0; j < 2; j++) expect(Math.abs(z1.grad[j] - z2.grad[j])).toBeLessThan(1e-8 * Math.max(1, Math.abs(z1.grad[j])));
    }
  });

  it('recovers the Normal-Inverse-Gamma marginal of mu within Monte Carlo error, with the ELBO below the exact log evidence', () => {
    const fit = fitMeanFieldGaussian(scalarLogJoint(), { dim: 2, iterations: 1500, elboSamples: 40_000, rng: Rng.fromSeed(7) });
    expect(matches(fit)).toBe(true);
    const logEvidence = exact.logEvidence() as number;
    expect(fit.elbo.mean + 4 * fit.elbo.error).toBeLessThan(logEvidence);
    // q(log sigma^2) sits at E[log sigma^2] = log beta_n - psi(alpha_n) of the Inverse-Gamma marginal
    expect(Math.abs(fit.mean[1] - exact.varianceMarginal().meanLog())).toBeLessThan(4 * fit.meanEstimates[1].error + fit.sd[1] / alphaN);
  });

  it('fits with the vector-code log joint too (fewer steps)', () => {
    const fit = fitMeanFieldGaussian(vectorLogJoint, { dim: 2, iterations: 400, samples: 4, elboSamples: 500, rng: Rng.fromSeed(3) });
    expect(Math.abs(fit.mean[0] - marginal.mean())).toBeLessThan(4 * fit.meanEstimates[0].error + 0.1 * marginal.sd());
  });

  it('the same check detects a broken model (likelihood counted half)', () => {
    const fit = fitMeanFieldGaussian(scalarLogJoint(0.5), { dim: 2, iterations: 1500, elboSamples: 1000, rng: Rng.fromSeed(7) });
    expect(matches(fit)).toBe(false);
  });
});
