/**
 * Special functions for the distributions, taken from the stdlib project's
 * `@stdlib/math-base-special-*` packages (well tested against Boost and Cephes), wrapped here
 * once under self-explaining names. Everything is in natural logarithms.
 */
import betaincImpl from '@stdlib/math-base-special-betainc';
import betaincinvImpl from '@stdlib/math-base-special-betaincinv';
import betalnImpl from '@stdlib/math-base-special-betaln';
import digammaImpl from '@stdlib/math-base-special-digamma';
import erfcImpl from '@stdlib/math-base-special-erfc';
import erfcinvImpl from '@stdlib/math-base-special-erfcinv';
import gammaincImpl from '@stdlib/math-base-special-gammainc';
import gammaincinvImpl from '@stdlib/math-base-special-gammaincinv';
import gammalnImpl from '@stdlib/math-base-special-gammaln';

/** log(2 pi), used by every Gaussian normaliser. */
export const LOG_2PI = Math.log(2 * Math.PI);

/**
 * log |Gamma(x)|.
 * @example logGamma(5) // log 24
 */
export function logGamma(x: number): number {
  return gammalnImpl(x);
}

/** The digamma function psi(x) = d/dx log Gamma(x). @example digamma(1) // -0.5772... (minus Euler's gamma) */
export function digamma(x: number): number {
  return digammaImpl(x);
}

/** log B(a, b) = log Gamma(a) + log Gamma(b) - log Gamma(a + b), accurate when a or b is large. @example logBeta(1, 1) // 0 */
export function logBeta(a: number, b: number): number {
  return betalnImpl(a, b);
}

/** Regularised incomplete beta I_x(a, b) (the Beta(a, b) cdf at x); `upper` gives 1 - I_x(a, b) without cancellation. @example regularizedBeta(0.5, 2, 2) // 0.5 */
export function regularizedBeta(x: number, a: number, b: number, upper = false): number {
  return betaincImpl(x, a, b, true, upper);
}

/** Inverse of {@link regularizedBeta} in x: I_x(a, b) = p (or 1 - I_x(a, b) = p when `upper`). @example inverseRegularizedBeta(0.5, 2, 2) // 0.5 */
export function inverseRegularizedBeta(p: number, a: number, b: number, upper = false): number {
  return betaincinvImpl(p, a, b, upper);
}

/** Regularised lower incomplete gamma P(a, x) (the Gamma(a, 1) cdf at x); `upper` gives Q(a, x) = 1 - P(a, x). @example regularizedGamma(1, 1) // 1 - 1/e */
export function regularizedGamma(a: number, x: number, upper = false): number {
  return gammaincImpl(x, a, true, upper);
}

/** Inverse of {@link regularizedGamma} in x: P(a, x) = p (or Q(a, x) = p when `upper`). @example inverseRegularizedGamma(0.5, 1) // log 2 */
export function inverseRegularizedGamma(p: number, a: number, upper = false): number {
  return gammaincinvImpl(p, a, upper);
}

/** Complementary error function erfc(x) = 1 - erf(x), accurate in the tails. @example erfc(0) // 1 */
export function erfc(x: number): number {
  return erfcImpl(x);
}

/** Inverse of erfc on (0, 2). @example erfcInverse(1) // 0 */
export function erfcInverse(y: number): number {
  return erfcinvImpl(y);
}

/** Standard normal cdf Phi(z) = erfc(-z / sqrt 2) / 2 (accurate far into the lower tail). @example standardNormalCdf(0) // 0.5 */
export function standardNormalCdf(z: number): number {
  return 0.5 * erfcImpl(-z / Math.SQRT2);
}

/** Standard normal quantile Phi^-1(p) = -sqrt 2 erfc^-1(2p). @example standardNormalQuantile(0.975) // 1.95996... */
export function standardNormalQuantile(p: number): number {
  return -Math.SQRT2 * erfcinvImpl(2 * p);
}

/**
 * Log multivariate gamma log Gamma_d(a) = d(d-1)/4 log pi + sum_{j=1..d} log Gamma(a + (1 - j)/2),
 * the normaliser of the Wishart distribution (Bishop, PRML, eq. B.79).
 * @example logMultivariateGamma(3, 1) // logGamma(3)
 */
export function logMultivariateGamma(a: number, d: number): number {
  let sum = (d * (d - 1) * Math.log(Math.PI)) / 4;
  for (let j = 1; j <= d; j++) sum += gammalnImpl(a + (1 - j) / 2);
  return sum;
}

/** Multivariate digamma sum_{j=1..d} psi(a + (1 - j)/2), the expectation of log |Lambda| under a Wishart (PRML B.81). @example multivariateDigamma(2, 1) // digamma(2) */
export function multivariateDigamma(a: number, d: number): number {
  let sum = 0;
  for (let j = 1; j <= d; j++) sum += digammaImpl(a + (1 - j) / 2);
  return sum;
}
