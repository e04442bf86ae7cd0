/**
 * Exact binomial coefficients as BigInt and log2 C(n, k) as a double.
 *
 * C(n, k) is assembled from its prime factorisation (Legendre's formula for the exponent of p
 * in n!: sum_i floor(n / p^i)), multiplied pairwise in a product tree so the big
 * multiplications are balanced, which keeps V8's subquadratic BigInt multiplication effective.
 */

let primes = new Int32Array(0);
let sieveLimit = 1;

/** Primes up to n (cached, grown on demand). */
function primesUpTo(n: number): Int32Array {
  if (n <= sieveLimit) return primes;
  const limit = Math.max(n, 2 * sieveLimit, 1024);
  const composite = new Uint8Array(limit + 1);
  const found: number[] = [];
  for (let i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    found.push(i);
    for (let j = i * i; j <= limit; j += i) composite[j] = 1;
  }
  primes = Int32Array.from(found);
  sieveLimit = limit;
  return primes;
}

/** Exponent of prime p in n! (Legendre). */
function legendre(n: number, p: number): number {
  let e = 0;
  while (n >= p) {
    n = Math.floor(n / p);
    e += n;
  }
  return e;
}

/** Product of BigInts a[lo..hi) by a balanced tree. @example productTree([2n, 3n, 7n]) // 42n */
export function productTree(a: bigint[], lo = 0, hi = a.length): bigint {
  if (hi - lo === 0) return 1n;
  if (hi - lo === 1) return a[lo];
  if (hi - lo === 2) return a[lo] * a[lo + 1];
  const mid = (lo + hi) >>> 1;
  return productTree(a, lo, mid) * productTree(a, mid, hi);
}

const SMALL = 50; // C(n, k) for n <= 50 is below 2^53: exact in doubles
const PASCAL: Float64Array[] = [];
for (let n = 0; n <= SMALL; n++) {
  const row = new Float64Array(n + 1);
  row[0] = row[n] = 1;
  for (let k = 1; k < n; k++) row[k] = PASCAL[n - 1][k - 1] + PASCAL[n - 1][k];
  PASCAL.push(row);
}

/**
 * C(n, k) as a double, exact for n <= 50 (0 outside 0 <= k <= n).
 * @example smallBinomial(10, 3) // 120
 */
export function smallBinomial(n: number, k: number): number {
  return k < 0 || k > n ? 0 : PASCAL[n][k];
}

/**
 * Exact C(n, k) for integers n >= 0 (0 outside 0 <= k <= n).
 * @example binomial(100, 50) // 100891344545564193334812497256n
 */
export function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  if (n <= SMALL) return BigInt(PASCAL[n][k]);
  k = Math.min(k, n - k);
  if (k === 0) return 1n;
  const ps = primesUpTo(n);
  const factors: bigint[] = [];
  let acc = 1;
  for (let i = 0; i < ps.length && ps[i] <= n; i++) {
    const p = ps[i];
    // Kummer: p^e <= n, so each prime power is a small integer.
    const e = p > n - k ? 1 : p > n / 2 ? 0 : legendre(n, p) - legendre(k, p) - legendre(n - k, p);
    if (e === 0) continue;
    let power = p;
    for (let j = 1; j < e; j++) power *= p;
    if (acc * power > 9007199254740991) {
      factors.push(BigInt(acc));
      acc = power;
    } else {
      acc *= power;
    }
  }
  factors.push(BigInt(acc));
  return productTree(factors);
}

const LN2 = Math.LN2;

/** ln(n!) (natural log) for integer n >= 0: exact sum below 256, Stirling's series above (error < 1e-15 relative). @example logFactorial(3) // ln 6 */
export function logFactorial(n: number): number {
  if (n < 256) return LOG_FACTORIAL[n];
  const inv = 1 / n;
  const inv2 = inv * inv;
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
}

const LOG_FACTORIAL = new Float64Array(256);
for (let n = 1; n < 256; n++) LOG_FACTORIAL[n] = LOG_FACTORIAL[n - 1] + Math.log(n);

/**
 * log2 C(n, k) as a double (n up to 2^53).
 * @example log2Binomial(1e6, 1e5) // about 468986
 */
export function log2Binomial(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  return (logFactorial(n) - logFactorial(k) - logFactorial(n - k)) / LN2;
}

/**
 * Number of bits of a non-negative BigInt (0 for 0): bitLength(c - 1) = ceil(log2 c) bits hold
 * the values 0 .. c - 1.
 * @example bitLength(255n) // 8
 */
export function bitLength(x: bigint): number {
  if (x === 0n) return 0;
  const hex = x.toString(16);
  return 4 * (hex.length - 1) + (32 - Math.clz32(parseInt(hex[0], 16)));
}
