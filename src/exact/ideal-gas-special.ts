/**
 * The error function to near double precision, for the closed-form Gaussian (harmonic trap)
 * density profile: the everywhere-positive series erf x = (2/sqrt(pi)) e^(-x^2)
 * sum_n 2^n x^(2n+1) / (1 3 5 ... (2n+1)) for |x| < 2.5 (Abramowitz & Stegun 7.1.6), and the
 * continued fraction erfc x = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))
 * (A&S 7.1.14) evaluated by the modified Lentz method beyond.
 *
 * @example erf(1) // 0.8427007929497149
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const a = Math.abs(x);
  if (a < 2.5) {
    let term = a;
    let sum = a;
    for (let n = 1; n < 200; n++) {
      term *= (2 * a * a) / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    const value = (2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * sum;
    return x < 0 ? -value : value;
  }
  const value = 1 - erfcLarge(a);
  return x < 0 ? -value : value;
}

/** The complementary error function 1 - erf(x), accurate in the far tail too. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 2.5) return 1 - erf(x);
  return erfcLarge(x);
}

function erfcLarge(x: number): number {
  // Lentz: f = b0 + a1/(b1 + a2/(b2 + ...)) with b_k = x, a_k = k/2.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const ak = k / 2;
    d = x + ak * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + ak / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Standard normal cumulative distribution Phi(z) = (1 + erf(z / sqrt 2)) / 2, accurate in both tails. */
export function normalCdf(z: number): number {
  return z < 0 ? 0.5 * erfc(-z / Math.SQRT2) : 1 - 0.5 * erfc(z / Math.SQRT2);
}
