// Black-box variational inference with reverse-mode autodiff: a mean-field Gaussian guide for the
// Gaussian model with unknown mean and variance, compared with the exact (conjugate) posterior.
import { Rng } from '../src/core/rng.js';
import { ConjugateNormal, type LogJoint, fitMeanFieldGaussian, logGamma } from '../src/prob/index.js';

const rng = Rng.fromSeed(3);
const xs = Float64Array.from({ length: 200 }, () => 1 + 2 * rng.normal());
const n = xs.length;
const prior = { mu: 0, kappa: 1, alpha: 2, beta: 2 };

// log p(x, mu, s), s = log sigma^2: NIG prior, log-Jacobian s, Gaussian likelihood (vector code)
const logJoint: LogJoint = (t, z) => {
  const mu = t.index(z, 0);
  const s = t.index(z, 1);
  const precision = t.exp(t.neg(s));
  const constant = prior.alpha * Math.log(prior.beta) - logGamma(prior.alpha) - 0.5 * Math.log((2 * Math.PI) / prior.kappa) - 0.5 * n * Math.log(2 * Math.PI);
  const logPrior = t.sub(t.mul(-(prior.alpha + 1.5), s), t.mul(t.add(prior.beta, t.mul(0.5 * prior.kappa, t.square(t.sub(mu, prior.mu)))), precision));
  const logLikelihood = t.sub(t.mul(-0.5 * n, s), t.mul(t.mul(0.5, precision), t.sum(t.square(t.sub(xs, mu)))));
  return t.add(constant, t.add(t.add(logPrior, s), logLikelihood));
};

const fit = fitMeanFieldGaussian(logJoint, { dim: 2, iterations: 600, samples: 4, elboSamples: 2000, rng: Rng.fromSeed(4) });
const exact = ConjugateNormal.withPrior(prior).observeAll(xs);
console.log(`q(mu): mean ${fit.mean[0].toFixed(4)}, sd ${fit.sd[0].toFixed(4)}; exact marginal: mean ${exact.meanMarginal().mean().toFixed(4)}, sd ${exact.meanMarginal().sd().toFixed(4)}`);
console.log(`ELBO ${fit.elbo.mean.toFixed(4)} ± ${fit.elbo.error.toFixed(4)} <= exact log evidence ${(exact.logEvidence() as number).toFixed(4)}`);
