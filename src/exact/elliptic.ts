/**
 * Complete elliptic integrals of the first and second kind by the arithmetic-geometric mean
 * (Abramowitz & Stegun 17.6), taking the complementary modulus k' = sqrt(1 - k^2) as input so
 * that k -> 1 (where K diverges logarithmically) keeps full precision.
 *
 *   K(k) = pi / (2 AGM(1, k')),   E(k) = K(k) (1 - sum_{n>=0} 2^{n-1} c_n^2),  c_0 = k.
 *
 * @example
 * const { K, E } = completeEllipticIntegrals(Math.SQRT1_2, Math.SQRT1_2); // K = 1.8540746773
 */
export function completeEllipticIntegrals(k: number, kPrime: number): { K: number; E: number } {
  let a = 1;
  let b = kPrime;
  let sum = 0.5 * k * k; // 2^{-1} c_0^2
  let power = 0.5;
  // Stop once a and b agree to rounding: later c_n would be rounding noise amplified by 2^n.
  for (let i = 0; i < 64 && Math.abs(a - b) > 2 * Number.EPSILON * a; i++) {
    const c = (a - b) / 2;
    const next = (a + b) / 2;
    b = Math.sqrt(a * b);
    a = next;
    power *= 2;
    sum += power * c * c;
  }
  const K = Math.PI / (2 * a);
  return { K, E: K * (1 - sum) };
}
