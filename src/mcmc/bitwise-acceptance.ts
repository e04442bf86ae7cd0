import type { Rng } from '../core/rng.js';

/** Number of set bits of a 32-bit integer (SWAR popcount). */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Exact bit-parallel Metropolis decisions for 32 spins at once (multi-spin coding).
 *
 * Each spin in a word has a class: its number k of antiparallel neighbours (0..degree, held
 * bit-sliced in three words b0, b1, b2) and, when the field is non-zero, its own value. The
 * energy change of a flip is dE = 2 J (2k - d) - 2 h s and the acceptance probability
 * p = min(1, exp(-beta dE)) depends only on the class.
 *
 * The classic multi-spin codes (Jacobs & Rebbi 1981; Zorn, Herrmann & Rebbi 1981; Bhanot et al.
 * 1986) build a random word whose bits are 1 with probability p from a few random words and
 * the binary digits of p, truncated after m digits (bias up to 2^-m). Here the comparison
 * U < p of a uniform U = 0.u1u2u3... with p = 0.p1p2p3... is done for all 32 bits in parallel
 * and from the most significant digit down, one random word per digit, and stops as soon as
 * every bit is decided: at digit i, bits with p_i = 1, u_i = 0 are accepted, bits with
 * p_i = 0, u_i = 1 rejected, the rest stay undecided. Each digit decides half of the undecided
 * bits, so about log2(32) + 1.3 ≈ 6.3 random words decide a word of 32 spins on average, and
 * nothing is truncated: the digits of p are those of the double exp(-beta dE) (exact to
 * 2^-1074 including its sub-normal tail; beyond them p has only zeros, so a bit still undecided
 * there has U >= p and is rejected). The realised acceptance probability equals the double p
 * exactly. Each spin's bit of U is a fresh random bit, so the 32 decisions are independent.
 */
export interface BitwiseAcceptance {
  /** Probabilistic classes (0 < p < 1) and the constants that select them. */
  count: number;
  /** Per class: words 0 or -1 that bits b0, b1, b2 and the spin word must equal. */
  x0: Int32Array;
  x1: Int32Array;
  x2: Int32Array;
  xs: Int32Array;
  /** -1 when the class also depends on the spin value (non-zero field), else 0. */
  useSpin: number;
  /** Per class and digit: digits[i * count + c] is 0 or -1 (the i-th binary digit of p_c). */
  digits: Int32Array;
  length: number;
  /** Classes with p = 0 (never accepted; exp underflow), as masks like the above. */
  neverCount: number;
  nx0: Int32Array;
  nx1: Int32Array;
  nx2: Int32Array;
  nxs: Int32Array;
  /** Scratch: class masks of the word being decided. */
  masks: Int32Array;
}

/** Binary digits of p in (0, 1): exact, since doubling and subtracting 1 are exact in binary. */
function binaryDigits(p: number): number[] {
  const out: number[] = [];
  let x = p;
  while (x > 0 && out.length < 1100) {
    x *= 2;
    if (x >= 1) {
      out.push(1);
      x -= 1;
    } else out.push(0);
  }
  return out;
}

/**
 * Acceptance classes for spins of a given degree: coupling `j` (uniform), field `h` (uniform),
 * inverse temperature `beta`. Bit = 1 means s = -1.
 */
export function bitwiseAcceptance(degree: number, j: number, h: number, beta: number): BitwiseAcceptance {
  const probable: Array<{ k: number; sigma: number; digits: number[] }> = [];
  const never: Array<{ k: number; sigma: number }> = [];
  const sigmas = h === 0 ? [0] : [0, 1];
  for (let k = 0; k <= degree; k++) {
    for (const sigma of sigmas) {
      const s = 1 - 2 * sigma;
      const dE = 2 * j * (2 * k - degree) - 2 * h * s;
      const p = Math.min(1, Math.exp(-beta * dE));
      if (p >= 1) continue;
      if (p === 0) never.push({ k, sigma });
      else probable.push({ k, sigma, digits: binaryDigits(p) });
    }
  }
  const word = (bit: number) => (bit ? -1 : 0);
  const count = probable.length;
  const length = Math.max(0, ...probable.map((c) => c.digits.length));
  const digits = new Int32Array(length * count);
  probable.forEach((c, ci) => c.digits.forEach((d, i) => { digits[i * count + ci] = word(d); }));
  return {
    count,
    x0: Int32Array.from(probable, (c) => word(c.k & 1)),
    x1: Int32Array.from(probable, (c) => word(c.k & 2)),
    x2: Int32Array.from(probable, (c) => word(c.k & 4)),
    xs: Int32Array.from(probable, (c) => word(c.sigma)),
    useSpin: h === 0 ? 0 : -1,
    digits,
    length,
    neverCount: never.length,
    nx0: Int32Array.from(never, (c) => word(c.k & 1)),
    nx1: Int32Array.from(never, (c) => word(c.k & 2)),
    nx2: Int32Array.from(never, (c) => word(c.k & 4)),
    nxs: Int32Array.from(never, (c) => word(c.sigma)),
    masks: new Int32Array(count),
  };
}

/**
 * The flip mask for one word: which of the `active` bits flip, given the bit-sliced antiparallel
 * counts (b0, b1, b2) and the spin word `s`. Draws one random word per binary digit examined.
 */
export function decideFlips(a: BitwiseAcceptance, b0: number, b1: number, b2: number, s: number, active: number, rng: Rng): number {
  if (a.count === 2 && a.useSpin === 0 && a.neverCount === 0) return decideTwoClasses(a, b0, b1, b2, active, rng);
  const { count, masks, useSpin } = a;
  let undecided = 0;
  for (let c = 0; c < count; c++) {
    const m = ~((b0 ^ a.x0[c]) | (b1 ^ a.x1[c]) | (b2 ^ a.x2[c]) | ((s ^ a.xs[c]) & useSpin)) & active;
    masks[c] = m;
    undecided |= m;
  }
  let never = 0;
  for (let c = 0; c < a.neverCount; c++) never |= ~((b0 ^ a.nx0[c]) | (b1 ^ a.nx1[c]) | (b2 ^ a.nx2[c]) | ((s ^ a.nxs[c]) & useSpin));
  let accept = active & ~undecided & ~never;
  const { digits, length } = a;
  for (let i = 0; undecided !== 0 && i < length; i++) {
    const u = rng.nextInt32();
    let t = 0;
    const row = i * count;
    for (let c = 0; c < count; c++) t |= masks[c] & digits[row + c];
    accept |= undecided & t & ~u;
    undecided &= ~(t ^ u);
  }
  return accept;
}

/** The common case (zero field, two probabilistic classes, e.g. k = 0 and 1 on the square lattice). */
function decideTwoClasses(a: BitwiseAcceptance, b0: number, b1: number, b2: number, active: number, rng: Rng): number {
  const m0 = ~((b0 ^ a.x0[0]) | (b1 ^ a.x1[0]) | (b2 ^ a.x2[0])) & active;
  const m1 = ~((b0 ^ a.x0[1]) | (b1 ^ a.x1[1]) | (b2 ^ a.x2[1])) & active;
  let undecided = m0 | m1;
  let accept = active & ~undecided;
  const { digits, length } = a;
  for (let i = 0; undecided !== 0 && i < length; i++) {
    const u = rng.nextInt32();
    const t = (m0 & digits[2 * i]) | (m1 & digits[2 * i + 1]);
    accept |= undecided & t & ~u;
    undecided &= ~(t ^ u);
  }
  return accept;
}
