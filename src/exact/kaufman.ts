import { invalidValue } from '../core/errors.js';

/** K_c = ln(1 + sqrt 2) / 2: the critical coupling beta |J| of the square lattice. */
export const SQUARE_CRITICAL_COUPLING = 0.4406867935097715;
/** K_c - SQUARE_CRITICAL_COUPLING: the rounding error of the double, kept so K - K_c is exact to eps. */
const SQUARE_CRITICAL_COUPLING_LOW = -1.125272946412933e-17;

/**
 * K - K_c to full relative precision even very close to T_c (K_c held as a double-double;
 * the first subtraction is exact near K_c). Every quantity that vanishes at T_c (s - 1,
 * gamma_0, and with them all the gamma_l') is computed from this difference.
 *
 * @example distanceToCritical(0.5); // 0.0593...
 */
export function distanceToCritical(k: number): number {
  return k - SQUARE_CRITICAL_COUPLING - SQUARE_CRITICAL_COUPLING_LOW;
}

/**
 * log Z of the n x m square torus and its first two derivatives in the reduced coupling
 * K = beta |J| (zero field), from Kaufman's formula.
 */
export interface TorusLogZ {
  logZ: number;
  /** d log Z / dK */
  d1: number;
  /** d^2 log Z / dK^2 */
  d2: number;
}

/** One factor 2cosh(x) or 2sinh(x) of a Kaufman product, with x = m gamma / 2 and its K-derivatives. */
interface Gamma {
  x: number;
  x1: number;
  x2: number;
}

/** gamma_l for l >= 1 with what differences between neighbouring l need: u = cosh gamma, sinh gamma, angle. */
interface GammaL extends Gamma {
  u: number;
  sinh: number;
  angle: number;
}

/**
 * gamma_l for l = 1..2n-1 from cosh gamma_l = c(K) - cos(pi l / n), c = cosh 2K coth 2K, with
 * first and second K-derivatives, written so that nothing cancels near T_c or for large n:
 * u - 1 = (s - 1)^2 / s + 2 sin^2(pi l / 2n) with s = sinh 2K, and the numerator of gamma''
 * expanded around l = 0, where gamma_0 has the closed form below.
 */
function gammaL(l: number, n: number, m: number, k: number, s: number, sMinus1: number, g0: Gamma): GammaL {
  const angle = (Math.PI * l) / n;
  const sinHalf = Math.sin(angle / 2);
  const b = 2 * sinHalf * sinHalf; // 1 - cos(pi l / n)
  const a = (sMinus1 * sMinus1) / s; // c - 2
  const uMinus1 = a + b;
  const sinhGamma = Math.sqrt(uMinus1 * (uMinus1 + 2));
  const gamma = Math.log1p(uMinus1 + sinhGamma);
  const c2k = Math.cosh(2 * k);
  // u = s + 1/s - cos(phi); u' = c', u'' = c'' (independent of l).
  const up = (2 * c2k * sMinus1 * (s + 1)) / (s * s);
  const upp = (8 * c2k * c2k) / (s * s * s) + (4 * sMinus1 * (s + 1)) / s;
  const u0 = 1 + a; // u at l = 0
  // gamma'' = [u''(u^2 - 1) - u u'^2] / sinh^3 gamma; at l = 0 the bracket is gamma_0'' sinh^3 gamma_0.
  const sinhG0 = Math.sinh((2 * g0.x) / m);
  const gamma0pp = (2 * g0.x2) / m;
  const numerator = gamma0pp * sinhG0 * sinhG0 * sinhG0 + b * (2 * u0 * upp - up * up) + b * b * upp;
  const gp = up / sinhGamma;
  const gpp = numerator / (sinhGamma * sinhGamma * sinhGamma);
  return { x: (m * gamma) / 2, x1: (m * gp) / 2, x2: (m * gpp) / 2, u: 1 + uMinus1, sinh: sinhGamma, angle };
}

/**
 * x_a - x_b for two gamma_l, without cancellation: with u = cosh gamma,
 * gamma_a - gamma_b = log1p((u_a - u_b + sinh_a - sinh_b) / e^{gamma_b}), where
 * u_a - u_b = cos t_b - cos t_a = 2 sin((t_a + t_b)/2) sin((t_a - t_b)/2) and
 * sinh_a - sinh_b = (u_a - u_b)(u_a + u_b) / (sinh_a + sinh_b).
 */
function gap(a: GammaL, b: GammaL, m: number): number {
  const du = 2 * Math.sin((a.angle + b.angle) / 2) * Math.sin((a.angle - b.angle) / 2);
  const dsinh = (du * (a.u + b.u)) / (a.sinh + b.sinh);
  return (m / 2) * Math.log1p((du + dsinh) / (b.u + b.sinh));
}

/** log(2cosh x) for x >= 0. */
function log2CoshPositive(x: number): number {
  return x + Math.log1p(Math.exp(-2 * x));
}

/** log tanh x for x > 0, accurate for small and large x. */
function logTanh(x: number): number {
  return Math.log(-Math.expm1(-2 * x)) - Math.log1p(Math.exp(-2 * x));
}

/**
 * gamma_0 = 2K + ln tanh K (signed: > 0 below T_c, < 0 above), computed as
 * log1p((e^{2K} - e^{2K_c})(e^{2K} - 1 + sqrt 2) / (e^{2K} + 1)) so it is accurate at T_c.
 */
function gamma0(m: number, k: number, s: number): Gamma {
  const y = Math.exp(2 * k);
  const yMinusYc = (1 + Math.SQRT2) * Math.expm1(2 * distanceToCritical(k));
  const g = Math.log1p((yMinusYc * (y - 1 + Math.SQRT2)) / (y + 1));
  const g1 = 2 + 2 / s;
  const g2 = (-4 * Math.cosh(2 * k)) / (s * s);
  return { x: (m * g) / 2, x1: (m * g1) / 2, x2: (m * g2) / 2 };
}

/** K-derivatives of sum log(2cosh x) or sum log(2sinh x) over factors. */
interface LogProductDerivatives {
  d1: number;
  d2: number;
}

function logProductDerivatives(factors: Gamma[], hyperbolic: 'cosh' | 'sinh'): LogProductDerivatives {
  let d1 = 0;
  let d2 = 0;
  for (const { x, x1, x2 } of factors) {
    if (hyperbolic === 'cosh') {
      const t = Math.tanh(x);
      d1 += t * x1;
      d2 += (1 - t * t) * x1 * x1 + t * x2;
    } else {
      // coth and csch^2 from e^{-2x}, finite for large x.
      const e = Math.exp(-2 * x);
      const coth = (1 + e) / (1 - e);
      const csch2 = (4 * e) / ((1 - e) * (1 - e));
      d1 += coth * x1;
      d2 += -csch2 * x1 * x1 + coth * x2;
    }
  }
  return { d1, d2 };
}

/**
 * Exact log Z of the Ising model on an n x m square torus (periodic both ways) in zero field,
 * with uniform coupling of strength K = beta |J| > 0, and its first two K-derivatives.
 *
 * Kaufman (Phys. Rev. 76, 1232 (1949)); notation of Ferdinand & Fisher (Phys. Rev. 185, 832 (1969)):
 *   Z = (1/2) (2 sinh 2K)^{nm/2} (Z1 + Z2 + Z3 + Z4),
 *   Z1 = prod_{r<n} 2cosh(m g_{2r+1}/2), Z2 = prod 2sinh(m g_{2r+1}/2),
 *   Z3 = prod_{r<n} 2cosh(m g_{2r}/2),   Z4 = prod 2sinh(m g_{2r}/2),
 *   cosh g_l = cosh 2K coth 2K - cos(pi l / n),  g_0 = 2K + ln tanh K (negative above T_c).
 * Everything is summed in logs with one common scale (no overflow at n = m = 1024); the
 * second derivative is accumulated around the mean, so no <E^2> - <E>^2 cancellation occurs;
 * the g_0 factor of Z3, Z4 is differentiated by the product rule, so Z4 -> 0 at T_c is harmless.
 * A periodic side of length 2 counts both wrap-around bonds (as the model files do: 2J).
 *
 * @example
 * const { logZ } = kaufmanLogZ(16, 16, 0.44); // K slightly below K_c = 0.4407
 */
export function kaufmanLogZ(n: number, m: number, k: number): TorusLogZ {
  if (!Number.isInteger(n) || !Number.isInteger(m) || n < 2 || m < 2) throw invalidValue('torus size', [n, m], 'integers >= 2 (periodic sides)');
  if (!(k > 0) || !Number.isFinite(k)) throw invalidValue('K', k, 'a coupling beta |J| > 0 and finite');
  const s = Math.sinh(2 * k);
  // s - 1 = sinh 2K - sinh 2K_c, without cancellation near K_c.
  const sMinus1 = 2 * Math.cosh(k + SQUARE_CRITICAL_COUPLING) * Math.sinh(distanceToCritical(k));
  const g0 = gamma0(m, k, s);
  const odd: GammaL[] = [];
  const even: GammaL[] = [];
  for (let r = 0; r < n; r++) {
    odd.push(gammaL(2 * r + 1, n, m, k, s, sMinus1, g0));
    if (r > 0) even.push(gammaL(2 * r, n, m, k, s, sMinus1, g0));
  }
  // Each Z_i = f_i * exp(rho_i): f_i is the g_0 factor (1 for Z1, Z2), rho_i the log of the rest.
  // The logs rho_i are ~ nm and only their differences set the mixture, so those are summed
  // from small terms (log tanh x; log 2cosh of neighbouring l from the accurate gap), never as
  // differences of large sums: near T_c all four Z_i matter and C depends on their weights.
  let rho1 = 0;
  for (const g of odd) rho1 += log2CoshPositive(g.x);
  let delta2 = 0; // rho2 - rho1
  for (const g of odd) delta2 += logTanh(g.x);
  let delta3 = -log2CoshPositive(odd[n - 1].x); // rho3 - rho1: pair even l = 2r with odd l = 2r - 1
  for (let r = 1; r < n; r++) {
    const a = even[r - 1];
    const b = odd[r - 1];
    delta3 += gap(a, b, m) + Math.log1p(Math.exp(-2 * a.x)) - Math.log1p(Math.exp(-2 * b.x));
  }
  let delta4 = delta3; // rho4 - rho1
  for (const g of even) delta4 += logTanh(g.x);
  // The g_0 factor is stored scaled by e^{-|x0|} (its log goes into rho) to avoid overflow.
  const a0 = Math.abs(g0.x);
  const e0 = Math.exp(-2 * a0);
  const ch = 1 + e0; // 2cosh(x0) e^{-|x0|}
  const sh = Math.sign(g0.x) * -Math.expm1(-2 * a0); // 2sinh(x0) e^{-|x0|}
  const terms = [
    { rho: { value: 0, ...logProductDerivatives(odd, 'cosh') }, f: 1, f1: 0, f2: 0 },
    { rho: { value: delta2, ...logProductDerivatives(odd, 'sinh') }, f: 1, f1: 0, f2: 0 },
    { rho: { value: delta3 + a0, ...logProductDerivatives(even, 'cosh') }, f: ch, f1: sh * g0.x1, f2: ch * g0.x1 * g0.x1 + sh * g0.x2 },
    { rho: { value: delta4 + a0, ...logProductDerivatives(even, 'sinh') }, f: sh, f1: ch * g0.x1, f2: sh * g0.x1 * g0.x1 + ch * g0.x2 },
  ];
  const top = Math.max(terms[0].rho.value, terms[2].rho.value);
  let z = 0;
  let z1 = 0;
  for (const t of terms) {
    const w = Math.exp(t.rho.value - top);
    z += w * t.f;
    z1 += w * (t.f1 + t.f * t.rho.d1);
  }
  const mean = z1 / z;
  // Centred second derivative: sum_i e^{rho_i} [f'' + 2 f'(rho' - mu) + f(rho'' + (rho' - mu)^2)].
  let z2 = 0;
  for (const t of terms) {
    const w = Math.exp(t.rho.value - top);
    const dev = t.rho.d1 - mean;
    z2 += w * (t.f2 + 2 * t.f1 * dev + t.f * (t.rho.d2 + dev * dev));
  }
  const sites = n * m;
  const coth2k = Math.cosh(2 * k) / s;
  return {
    logZ: -Math.LN2 + (sites / 2) * Math.log(2 * s) + rho1 + top + Math.log(z),
    d1: sites * coth2k + mean,
    d2: (-2 * sites) / (s * s) + z2 / z,
  };
}
