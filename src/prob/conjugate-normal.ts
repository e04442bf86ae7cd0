/**
 * Bayesian inference of a Gaussian's mean and variance with the conjugate Normal-Inverse-Gamma
 * prior: mu | sigma2 ~ N(mu0, sigma2/kappa0), sigma2 ~ InvGamma(alpha0, beta0). Formulas from
 * Murphy, "Conjugate Bayesian analysis of the Gaussian distribution" (2007), sec. 6, and Gelman
 * et al., "Bayesian Data Analysis" (3rd ed.), sec. 3.2-3.3 (the reference prior).
 */
import { GibbsError, describeValue, invalidValue, requireFinite } from '../core/errors.js';
import { InverseGamma } from './inverse-gamma.js';
import { NormalInverseGamma } from './normal-inverse-gamma.js';
import { LOG_2PI, logGamma } from './special.js';
import { StudentT } from './student-t.js';

/** Parameters (mu, kappa, alpha, beta) of a Normal-Inverse-Gamma prior or posterior. */
export interface NigParameters {
  mu: number;
  kappa: number;
  alpha: number;
  beta: number;
}

/** An equal-tailed credible interval with its point estimate. */
export interface CredibleInterval {
  estimate: number;
  lower: number;
  upper: number;
}

/** Everything `gibbs infer normal` reports. */
export interface NormalInferenceSummary {
  n: number;
  prior: NigParameters | 'reference';
  level: number;
  posterior: NigParameters;
  /** Posterior of mu: estimate = posterior mean (= median) mu_n, equal-tailed Student-t interval. */
  mean: CredibleInterval;
  /** Posterior of sigma2: estimate = posterior mean beta/(alpha - 1) when alpha > 1, else the median; Inverse-Gamma interval. */
  variance: CredibleInterval;
  /** Posterior predictive of a new observation: Student-t(df, location, scale). */
  predictive: { df: number; location: number; scale: number };
  /** log p(data) under the prior; null under the improper reference prior (it is not defined). */
  logEvidence: number | null;
}

/**
 * The reference (Jeffreys) prior p(mu, sigma2) ∝ 1/sigma2 written as NIG pseudo-parameters
 * kappa = 0, alpha = -1/2, beta = 0 (BDA3 sec. 3.2): the updates below then give the classical
 * posterior mu ~ t_{n-1}(xbar, s^2/n). Improper: it needs two distinct observations, and has no evidence.
 */
export const REFERENCE_PRIOR: Readonly<NigParameters> = Object.freeze({ mu: 0, kappa: 0, alpha: -0.5, beta: 0 });

/** Validate a proper NIG prior (kappa0, alpha0, beta0 > 0). */
export function requireNigPrior(prior: NigParameters): NigParameters {
  requireFinite('prior.mu0', prior.mu);
  for (const [key, value] of [['kappa0', prior.kappa], ['alpha0', prior.alpha], ['beta0', prior.beta]] as const) {
    if (typeof value !== 'number' || !(value > 0) || value === Infinity) throw invalidValue(`prior.${key}`, value, 'a finite number > 0');
  }
  return { ...prior };
}

/**
 * Sequentially updatable posterior of a Gaussian with unknown mean and variance. Immutable:
 * `observe` and `observeAll` return a new posterior. Updating one observation at a time equals
 * the batch update (the same algebra; to rounding).
 *
 * @example
 * const post = ConjugateNormal.withPrior({ mu: 0, kappa: 1, alpha: 2, beta: 2 }).observeAll([1.2, 0.7, 1.9]);
 * post.meanMarginal().centralInterval(0.95); post.logEvidence();
 */
export class ConjugateNormal {
  /** The prior the data were added to (REFERENCE_PRIOR for the reference prior). */
  readonly prior: Readonly<NigParameters>;
  /** Current posterior parameters. */
  readonly posterior: Readonly<NigParameters>;
  /** Number of observations so far. */
  readonly n: number;

  private constructor(prior: NigParameters, posterior: NigParameters, n: number) {
    this.prior = prior;
    this.posterior = posterior;
    this.n = n;
  }

  /** Start from a proper NIG prior. */
  static withPrior(prior: NigParameters): ConjugateNormal {
    const p = requireNigPrior(prior);
    return new ConjugateNormal(p, p, 0);
  }

  /** Start from the reference prior p(mu, sigma2) ∝ 1/sigma2. */
  static reference(): ConjugateNormal {
    return new ConjugateNormal(REFERENCE_PRIOR, REFERENCE_PRIOR, 0);
  }

  /** Whether the prior is the improper reference prior. */
  get isReference(): boolean {
    return this.prior === REFERENCE_PRIOR;
  }

  /**
   * Add one observation: kappa' = kappa + 1, mu' = mu + (x - mu)/kappa', alpha' = alpha + 1/2,
   * beta' = beta + kappa (x - mu)^2 / (2 kappa').
   */
  observe(x: number): ConjugateNormal {
    requireFinite('x', x);
    const { mu, kappa, alpha, beta } = this.posterior;
    const k = kappa + 1;
    const delta = x - mu;
    return new ConjugateNormal(this.prior, { mu: mu + delta / k, kappa: k, alpha: alpha + 0.5, beta: beta + (kappa * delta * delta) / (2 * k) }, this.n + 1);
  }

  /**
   * Add a batch through its sufficient statistics (mean and centred sum of squares, two passes):
   * kappa_n = kappa + n, mu_n = (kappa mu + n xbar)/kappa_n, alpha_n = alpha + n/2,
   * beta_n = beta + S/2 + kappa n (xbar - mu)^2 / (2 kappa_n).
   */
  observeAll(xs: ArrayLike<number>): ConjugateNormal {
    const n = xs.length;
    if (n === 0) return this;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += requireFinite(`x[${i}]`, xs[i]);
    const xbar = sum / n;
    let s = 0;
    for (let i = 0; i < n; i++) s += (xs[i] - xbar) * (xs[i] - xbar);
    const { mu, kappa, alpha, beta } = this.posterior;
    const k = kappa + n;
    const d = xbar - mu;
    return new ConjugateNormal(this.prior, { mu: mu + (n * d) / k, kappa: k, alpha: alpha + n / 2, beta: beta + s / 2 + (kappa * n * d * d) / (2 * k) }, this.n + n);
  }

  /** Throw unless the posterior is a proper distribution (the reference prior needs 2 distinct values). */
  requireProper(): this {
    const { kappa, alpha, beta } = this.posterior;
    if (!(kappa > 0 && alpha > 0 && beta > 0)) {
      throw new GibbsError(
        this.isReference
          ? `data: the reference prior needs at least 2 observations that are not all equal (got ${this.n}${this.n >= 2 ? ', all equal' : ''}); give a proper --prior`
          : `data: posterior is degenerate (${describeValue(this.posterior)})`,
        'data',
      );
    }
    return this;
  }

  /** Joint posterior over (mu, sigma2). */
  joint(): NormalInverseGamma {
    this.requireProper();
    const { mu, kappa, alpha, beta } = this.posterior;
    return new NormalInverseGamma(mu, kappa, alpha, beta);
  }

  /** Marginal posterior of mu: Student-t(2 alpha, mu, sqrt(beta / (alpha kappa))). */
  meanMarginal(): StudentT {
    return this.joint().meanMarginal();
  }

  /** Marginal posterior of sigma2: InverseGamma(alpha, beta). */
  varianceMarginal(): InverseGamma {
    return this.joint().varianceMarginal();
  }

  /** Posterior predictive of the next observation: Student-t(2 alpha, mu, sqrt(beta (kappa + 1) / (alpha kappa))). */
  predictive(): StudentT {
    this.requireProper();
    const { mu, kappa, alpha, beta } = this.posterior;
    return new StudentT(2 * alpha, mu, Math.sqrt((beta * (kappa + 1)) / (alpha * kappa)));
  }

  /**
   * log p(x_1..x_n) = log Gamma(alpha_n) - log Gamma(alpha_0) + alpha_0 log beta_0 - alpha_n log beta_n
   * + (log kappa_0 - log kappa_n)/2 - (n/2) log(2 pi) (Murphy 2007, eq. 95); null for the reference prior.
   */
  logEvidence(): number | null {
    if (this.isReference) return null;
    const p0 = this.prior;
    const pn = this.posterior;
    return logGamma(pn.alpha) - logGamma(p0.alpha) + p0.alpha * Math.log(p0.beta) - pn.alpha * Math.log(pn.beta) + 0.5 * (Math.log(p0.kappa) - Math.log(pn.kappa)) - 0.5 * this.n * LOG_2PI;
  }

  /** The report of `gibbs infer normal`: posterior, credible intervals at `level`, predictive, evidence. */
  summary(level = 0.95): NormalInferenceSummary {
    if (!(level > 0 && level < 1)) throw invalidValue('--level', level, 'a probability strictly between 0 and 1');
    const t = this.meanMarginal();
    const ig = this.varianceMarginal();
    const pred = this.predictive();
    const muInterval = t.centralInterval(level);
    const varInterval = ig.centralInterval(level);
    return {
      n: this.n,
      prior: this.isReference ? 'reference' : { ...this.prior },
      level,
      posterior: { ...this.posterior },
      mean: { estimate: this.posterior.mu, ...muInterval },
      variance: { estimate: ig.shape > 1 ? ig.mean() : ig.quantile(0.5), ...varInterval },
      predictive: { df: pred.df, location: pred.location, scale: pred.scale },
      logEvidence: this.logEvidence(),
    };
  }
}
