import type { Rng } from '../core/rng.js';
import { finiteParameter, positiveParameter } from './distribution.js';
import { InverseGamma } from './inverse-gamma.js';
import { LOG_2PI, digamma } from './special.js';
import { StudentT } from './student-t.js';
import { gammaVariate } from './variates.js';

/**
 * Normal-Inverse-Gamma distribution NIG(mu0, kappa, alpha, beta) over (mu, sigma2):
 * sigma2 ~ InverseGamma(alpha, beta), mu | sigma2 ~ Normal(mu0, sigma2 / kappa). The conjugate
 * prior of a Gaussian with unknown mean and variance (Murphy, "Conjugate Bayesian analysis of
 * the Gaussian distribution", 2007, sec. 6). Its marginals: mu ~ Student-t with 2 alpha degrees of
 * freedom, location mu0, scale sqrt(beta / (alpha kappa)); sigma2 ~ InverseGamma(alpha, beta).
 * @example
 * const nig = new NormalInverseGamma(0, 1, 2, 2);
 * nig.logPdf(0.1, 1.5); nig.meanMarginal().quantile(0.975);
 */
export class NormalInverseGamma {
  readonly mu0: number;
  readonly kappa: number;
  readonly alpha: number;
  readonly beta: number;

  constructor(mu0: number, kappa: number, alpha: number, beta: number) {
    this.mu0 = finiteParameter('NormalInverseGamma', 'mu0', mu0);
    this.kappa = positiveParameter('NormalInverseGamma', 'kappa', kappa);
    this.alpha = positiveParameter('NormalInverseGamma', 'alpha', alpha);
    this.beta = positiveParameter('NormalInverseGamma', 'beta', beta);
  }

  /** Joint log density at (mu, sigma2). */
  logPdf(mu: number, sigma2: number): number {
    if (!(sigma2 > 0)) return -Infinity;
    const z2 = ((mu - this.mu0) * (mu - this.mu0) * this.kappa) / sigma2;
    return this.varianceMarginal().logPdf(sigma2) - 0.5 * (LOG_2PI + Math.log(sigma2 / this.kappa)) - 0.5 * z2;
  }

  /** One draw { mu, sigma2 }: sigma2 from its Inverse-Gamma, then mu given sigma2. */
  sample(rng: Rng): { mu: number; sigma2: number } {
    const sigma2 = this.beta / gammaVariate(rng, this.alpha);
    return { mu: this.mu0 + Math.sqrt(sigma2 / this.kappa) * rng.normal(), sigma2 };
  }

  /** Marginal of mu: Student-t(2 alpha, mu0, sqrt(beta / (alpha kappa))). */
  meanMarginal(): StudentT {
    return new StudentT(2 * this.alpha, this.mu0, Math.sqrt(this.beta / (this.alpha * this.kappa)));
  }

  /** Marginal of sigma2: InverseGamma(alpha, beta). */
  varianceMarginal(): InverseGamma {
    return new InverseGamma(this.alpha, this.beta);
  }

  /** E[(mu, sigma2)] = (mu0, beta / (alpha - 1)); the second is Infinity for alpha <= 1. */
  mean(): { mu: number; sigma2: number } {
    return { mu: this.mu0, sigma2: this.varianceMarginal().mean() };
  }

  /** Var[mu] = beta / ((alpha - 1) kappa) and Var[sigma2]; mu and sigma2 are uncorrelated. */
  variance(): { mu: number; sigma2: number } {
    return { mu: this.alpha > 1 ? this.beta / ((this.alpha - 1) * this.kappa) : Infinity, sigma2: this.varianceMarginal().variance() };
  }

  /** Joint differential entropy H[sigma2] + E[H[mu | sigma2]] in nats. */
  entropy(): number {
    const meanLogSigma2 = Math.log(this.beta) - digamma(this.alpha);
    return this.varianceMarginal().entropy() + 0.5 * (1 + LOG_2PI - Math.log(this.kappa) + meanLogSigma2);
  }
}
