// Bayesian inference of a Gaussian's mean and variance with the conjugate Normal-Inverse-Gamma
// prior: posterior, credible intervals, predictive and evidence; sequential = batch.
import { Rng } from '../src/core/rng.js';
import { ConjugateNormal } from '../src/prob/index.js';

const rng = Rng.fromSeed(1);
const data = Array.from({ length: 30 }, () => 170 + 8 * rng.normal()); // heights in cm

const prior = { mu: 165, kappa: 1, alpha: 2, beta: 2 * 64 }; // E[sigma^2] = 128
const batch = ConjugateNormal.withPrior(prior).observeAll(data);
let sequential = ConjugateNormal.withPrior(prior);
for (const x of data) sequential = sequential.observe(x);

const s = batch.summary(0.95);
console.log(`posterior mean of mu: ${s.mean.estimate.toFixed(2)} cm, 95% interval [${s.mean.lower.toFixed(2)}, ${s.mean.upper.toFixed(2)}]`);
console.log(`posterior mean of sigma^2: ${s.variance.estimate.toFixed(1)}, 95% interval [${s.variance.lower.toFixed(1)}, ${s.variance.upper.toFixed(1)}]`);
console.log(`predictive: Student-t(df=${s.predictive.df}, location=${s.predictive.location.toFixed(2)}, scale=${s.predictive.scale.toFixed(2)})`);
console.log(`log evidence: ${s.logEvidence?.toFixed(4)}; sequential mu_n - batch mu_n = ${(sequential.posterior.mu - batch.posterior.mu).toExponential(1)}`);
const reference = ConjugateNormal.reference().observeAll(data).summary(0.95);
console.log(`reference prior (classical t interval): [${reference.mean.lower.toFixed(2)}, ${reference.mean.upper.toFixed(2)}]`);
