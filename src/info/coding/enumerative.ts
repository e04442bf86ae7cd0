/**
 * Enumerative coding of a binary sequence (T. M. Cover, "Enumerative source encoding",
 * IEEE Trans. IT 19, 1973): a sequence of N bits with K ones is one of C(N, K) arrangements, so
 * it is described by K (ceil(log2(N + 1)) bits) and its index among those arrangements
 * (exactly ceil(log2 C(N, K)) bits). This is the counting argument behind N·H made literal.
 *
 * The index is computed by divide and conquer instead of the textbook bit-by-bit sum (which
 * costs O(N^2) bit operations): split the sequence into halves of n1 and n2 bits holding k1
 * and k2 = K - k1 ones; then
 *   index = offset(k1) + index_left * C(n2, k2) + index_right,
 * where offset(k1) counts the arrangements whose left half holds a k1' ordered before k1. The
 * values of k1' are ordered outward from the mode of the hypergeometric distribution
 * (m, m+1, m-1, m+2, ...), so for typical sequences offset(k1) sums only O(sqrt N) terms
 * T_j = C(n1, j) C(n2, K - j); the sum is formed from T_{k1} and the ratios T_{j±1} / T_j by
 * binary splitting (exact BigInt arithmetic, one division at the end). Decoding inverts each
 * step: a floating-point estimate of k1 from index / C(n, K), corrected exactly, then one
 * BigInt division by C(n2, k2). With V8's subquadratic BigInt products, N = 10^6 takes seconds.
 */
import { invalidValue } from '../../core/errors.js';
import { binomial, bitLength, smallBinomial } from './binomial.js';
import { corruptData } from './corrupt.js';

const LEAF = 48; // leaves of up to 48 bits use exact double arithmetic (C(48, 24) < 2^53)
const DIRECT_TERMS = 24; // offsets with fewer terms are summed directly, more by binary splitting

/** An enumerative code: K, the index, and the packed bits. */
export interface EnumerativeCode {
  /** Sequence length N. */
  n: number;
  /** Number of ones K. */
  k: number;
  /** Index of the sequence among the C(N, K) arrangements, in [0, C(N, K)). */
  index: bigint;
  /** Bits spent on K: ceil(log2(N + 1)). */
  kBits: number;
  /** Bits spent on the index: ceil(log2 C(N, K)). */
  indexBits: number;
  /** kBits + indexBits. */
  bits: number;
  /** The code, most significant bit first, zero-padded to whole bytes. */
  bytes: Uint8Array;
}

/** Geometry of one split: the range of k1 and the mode the order starts from. */
interface Split {
  n1: number;
  n2: number;
  k: number;
  jmin: number;
  jmax: number;
  mode: number;
}

function split(n: number, k: number): Split {
  const n1 = n >>> 1;
  const n2 = n - n1;
  const jmin = Math.max(0, k - n2);
  const jmax = Math.min(n1, k);
  const mode = Math.min(jmax, Math.max(jmin, Math.floor(((k + 1) * (n1 + 1)) / (n + 2))));
  return { n1, n2, k, jmin, jmax, mode };
}

/** Position of j in the outward order m, m+1, m-1, m+2, m-2, ... */
function zigzagRank(s: Split, j: number): number {
  return j > s.mode ? 2 * (j - s.mode) - 1 : 2 * (s.mode - j);
}

function fromZigzag(s: Split, z: number): number {
  return z % 2 === 1 ? s.mode + (z + 1) / 2 : s.mode - z / 2;
}

/** The last position of the outward order that can hold a value in range. */
function lastZigzag(s: Split): number {
  return 2 * Math.max(s.jmax - s.mode, s.mode - s.jmin);
}

/** The value at the largest in-range position <= z of the outward order (position 0, the mode, always is). */
function snapZigzag(s: Split, z: number): number {
  for (; z > 0; z--) {
    const j = fromZigzag(s, z);
    if (j >= s.jmin && j <= s.jmax) return j;
  }
  return s.mode;
}

/** Ratio T_{j+d} / T_j as an integer pair, d = +1 (up) or -1 (down). */
function ratio(s: Split, j: number, up: boolean): [number, number] {
  const { n1, n2, k } = s;
  return up ? [(n1 - j) * (k - j), (j + 1) * (n2 - k + j + 1)] : [j * (n2 - k + j), (n1 - j + 1) * (k - j + 1)];
}

/** Binary splitting of sum_{i=1}^{len} prod_{t<i} num_t / den_t: returns [P, Q, U] with the sum = U / Q. */
function splitSum(s: Split, start: number, up: boolean, lo: number, hi: number): [bigint, bigint, bigint] {
  if (hi - lo === 1) {
    const [num, den] = ratio(s, up ? start + lo : start - lo, up);
    const p = BigInt(num);
    return [p, BigInt(den), p];
  }
  const mid = (lo + hi) >>> 1;
  const [p1, q1, u1] = splitSum(s, start, up, lo, mid);
  const [p2, q2, u2] = splitSum(s, start, up, mid, hi);
  return [p1 * p2, q1 * q2, u1 * q2 + p1 * u2];
}

/** sum_{i=1}^{len} T_{j0 + i} (up) or T_{j0 - i} (down), given t0 = T_{j0}. */
function runSum(s: Split, j0: number, t0: bigint, up: boolean, len: number): bigint {
  if (len <= 0) return 0n;
  if (len <= DIRECT_TERMS) {
    let term = t0;
    let sum = 0n;
    for (let i = 0; i < len; i++) {
      const [num, den] = ratio(s, up ? j0 + i : j0 - i, up);
      term = (term * BigInt(num)) / BigInt(den);
      sum += term;
    }
    return sum;
  }
  const [, q, u] = splitSum(s, j0, up, 0, len);
  return (t0 * u) / q;
}

/** T_j = C(n1, j) C(n2, k - j). */
function term(s: Split, j: number): bigint {
  return binomial(s.n1, j) * binomial(s.n2, s.k - j);
}

/**
 * offset(k1): the number of arrangements whose k1' precedes k1 in the outward order, given
 * t = T_{k1} and count = C(n, k). The preceding values form an interval next to k1; its sum is
 * taken directly or as count minus the (shorter) complement, whichever has fewer terms, so
 * sequences deep in a tail stay cheap.
 */
function offset(s: Split, k1: number, t: bigint, count: bigint): bigint {
  const { mode, jmin, jmax } = s;
  if (k1 === mode) return 0n;
  const above = k1 > mode;
  // The preceding interval [a, b] (k1 = b + 1 when above, k1 = a - 1 when below).
  const a = above ? Math.max(jmin, 2 * mode - k1 + 1) : k1 + 1;
  const b = above ? k1 - 1 : Math.min(jmax, 2 * mode - k1);
  const inside = b - a + 1;
  const outside = a - jmin + (jmax - b);
  if (inside <= 2 * outside + DIRECT_TERMS) return runSum(s, k1, t, !above, inside);
  // Complement: k1 and the run beyond it, plus the far tail on the other side of the interval.
  let rest = t + runSum(s, k1, t, above, above ? jmax - k1 : k1 - jmin);
  if (above && a > jmin) {
    const t2 = term(s, a - 1);
    rest += t2 + runSum(s, a - 1, t2, false, a - 1 - jmin);
  } else if (!above && b < jmax) {
    const t2 = term(s, b + 1);
    rest += t2 + runSum(s, b + 1, t2, true, jmax - b - 1);
  }
  return count - rest;
}

/** Index and count C(n, k) of bits[from, from + n) holding k ones. */
function rankNode(bits: Uint8Array, ones: Int32Array, from: number, n: number, k: number): { index: bigint; count: bigint } {
  if (k === 0 || k === n) return { index: 0n, count: 1n };
  if (n <= LEAF) {
    let index = 0;
    let r = k;
    for (let i = 0; i < n; i++) {
      if (bits[from + i]) {
        index += smallBinomial(n - 1 - i, r);
        r--;
      }
    }
    return { index: BigInt(index), count: BigInt(smallBinomial(n, k)) };
  }
  const s = split(n, k);
  const k1 = ones[from + s.n1] - ones[from];
  const left = rankNode(bits, ones, from, s.n1, k1);
  const right = rankNode(bits, ones, from + s.n1, s.n2, k - k1);
  const count = binomial(n, k);
  const index = offset(s, k1, left.count * right.count, count) + left.index * right.count + right.index;
  return { index, count };
}

/** Approximately a / b for BigInts 0 <= a < b. */
function approximateRatio(a: bigint, b: bigint): number {
  const shift = BigInt(Math.max(0, bitLength(b) - 60));
  return Number(a >> shift) / Number(b >> shift);
}

/** Float estimate of the k1 whose block of indices holds fraction u of the range. */
function estimateK1(s: Split, u: number): number {
  // Hypergeometric weights relative to the mode, then a walk in the outward order.
  const up: number[] = [];
  const down: number[] = [];
  let total = 1;
  for (let j = s.mode, w = 1; j < s.jmax; j++) {
    const [num, den] = ratio(s, j, true);
    w *= num / den;
    if (w < 1e-300) break;
    up.push(w);
    total += w;
  }
  for (let j = s.mode, w = 1; j > s.jmin; j--) {
    const [num, den] = ratio(s, j, false);
    w *= num / den;
    if (w < 1e-300) break;
    down.push(w);
    total += w;
  }
  const target = u * total;
  let cumulative = 1;
  if (target < cumulative) return s.mode;
  for (let d = 1; d <= Math.max(up.length, down.length); d++) {
    if (d <= up.length) {
      cumulative += up[d - 1];
      if (target < cumulative) return s.mode + d;
    }
    if (d <= down.length) {
      cumulative += down[d - 1];
      if (target < cumulative) return s.mode - d;
    }
  }
  return up.length >= down.length ? s.mode + up.length : s.mode - down.length;
}

/** log2 of a positive BigInt from its bit length and top 60 bits. */
function log2Big(x: bigint): number {
  const bits = bitLength(x);
  const shift = Math.max(0, bits - 60);
  return Math.log2(Number(x >> BigInt(shift))) + shift;
}

/**
 * Estimate k1 from the far end of the outward order: `log2Rest` = log2((count - index) / count),
 * accurate even when the rest is astronomically small (sequences deep in a tail, where
 * index / count rounds to 1). Works in the log domain over all values of k1.
 */
function estimateK1FromEnd(s: Split, log2Rest: number): number {
  const last = lastZigzag(s);
  const logWeight = new Float64Array(last + 1).fill(-Infinity);
  logWeight[0] = 0;
  for (let j = s.mode, w = 0; j < s.jmax; j++) {
    const [num, den] = ratio(s, j, true);
    w += Math.log2(num / den);
    logWeight[zigzagRank(s, j + 1)] = w;
  }
  for (let j = s.mode, w = 0; j > s.jmin; j--) {
    const [num, den] = ratio(s, j, false);
    w += Math.log2(num / den);
    logWeight[zigzagRank(s, j - 1)] = w;
  }
  let logTotal = -Infinity;
  for (let z = 0; z <= last; z++) logTotal = log2AddExp(logTotal, logWeight[z]);
  // The block of k1 holds the rest: tail(z + 1) < rest <= tail(z), tails summed from the end.
  const target = log2Rest + logTotal;
  let tail = -Infinity;
  for (let z = last; z >= 0; z--) {
    if (logWeight[z] === -Infinity) continue;
    tail = log2AddExp(tail, logWeight[z]);
    if (tail >= target) return fromZigzag(s, z);
  }
  return s.mode;
}

function log2AddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const hi = Math.max(a, b);
  return hi + Math.log2(1 + 2 ** (Math.min(a, b) - hi));
}

/** Write the arrangement with index `index` (< count = C(n, k)) into out[from, from + n). */
function unrankNode(index: bigint, n: number, k: number, count: bigint, out: Uint8Array, from: number): void {
  if (k === 0) return;
  if (k === n) {
    out.fill(1, from, from + n);
    return;
  }
  if (n <= LEAF) {
    let rest = Number(index);
    let r = k;
    for (let i = 0; i < n && r > 0; i++) {
      const c = smallBinomial(n - 1 - i, r);
      if (rest >= c) {
        out[from + i] = 1;
        rest -= c;
        r--;
      }
    }
    return;
  }
  const s = split(n, k);
  // Find the k1 whose block [offset(k1), offset(k1) + T_k1) holds the index: start from a
  // floating-point estimate (right for all but extreme sequences), then gallop and bisect over
  // positions of the outward order, along which offsets increase.
  const at = (z: number) => {
    const k1 = snapZigzag(s, z);
    const left = binomial(s.n1, k1);
    const right = binomial(s.n2, k - k1);
    const block = left * right;
    return { z: zigzagRank(s, k1), k1, left, right, block, start: offset(s, k1, block, count) };
  };
  let found = at(zigzagRank(s, estimateK1(s, approximateRatio(index, count))));
  if (index < found.start || index >= found.start + found.block) {
    found = at(zigzagRank(s, estimateK1FromEnd(s, log2Big(count - index) - log2Big(count))));
  }
  if (index < found.start || index >= found.start + found.block) {
    // Bracket positions: lo has start <= index, hi has start > index (or lies past the end).
    let lo = found.z;
    let hi = lastZigzag(s) + 1;
    if (index < found.start) {
      hi = found.z;
      for (let stride = 1; ; stride *= 2) {
        lo = Math.max(0, hi - stride);
        if (at(lo).start <= index) break; // position 0 (offset 0) always stops this
        hi = lo;
      }
    } else {
      for (let stride = 1; lo + stride < hi; stride *= 2) {
        if (at(lo + stride).start > index) {
          hi = lo + stride;
          break;
        }
        lo += stride;
      }
    }
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (at(mid).start <= index) lo = mid;
      else hi = mid;
    }
    found = at(lo);
    if (index < found.start || index >= found.start + found.block) throw corruptData('enumerative index out of range');
  }
  const rest = index - found.start;
  const leftIndex = rest / found.right;
  unrankNode(leftIndex, s.n1, found.k1, found.left, out, from);
  unrankNode(rest - leftIndex * found.right, s.n2, k - found.k1, found.right, out, from + s.n1);
}

/**
 * The index of a 0/1 sequence among the C(N, K) sequences with the same number of ones.
 * @example enumerativeIndex(Uint8Array.of(0, 1, 1)) // { k: 2, index: 0n, count: 3n }
 */
export function enumerativeIndex(bits: Uint8Array): { k: number; index: bigint; count: bigint } {
  const ones = new Int32Array(bits.length + 1);
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i];
    if (b > 1) throw invalidValue(`bits[${i}]`, b, '0 or 1');
    ones[i + 1] = ones[i] + b;
  }
  const k = ones[bits.length];
  const { index, count } = rankNode(bits, ones, 0, bits.length, k);
  return { k, index, count };
}

/**
 * The sequence of n bits with k ones whose index is `index` (inverse of {@link enumerativeIndex}).
 * @example enumerativeSequence(3, 2, 0n) // Uint8Array [0, 1, 1]
 */
export function enumerativeSequence(n: number, k: number, index: bigint, count: bigint = binomial(n, k)): Uint8Array {
  if (!(Number.isInteger(n) && n >= 0)) throw invalidValue('n', n, 'an integer >= 0');
  if (!(Number.isInteger(k) && k >= 0 && k <= n)) throw invalidValue('k', k, `an integer from 0 to ${n}`);
  if (index < 0n || index >= count) throw invalidValue('index', index, `an integer from 0 to C(${n}, ${k}) - 1`);
  const out = new Uint8Array(n);
  unrankNode(index, n, k, count, out, 0);
  return out;
}

/**
 * Encode a 0/1 sequence: K in ceil(log2(N + 1)) bits, then its index in ceil(log2 C(N, K)) bits.
 * N itself is not stored (the container or caller knows it).
 *
 * @example
 * const code = enumerativeEncode(bits);
 * code.bits; // ceil(log2(N+1)) + ceil(log2 C(N, K))
 * enumerativeDecode(code.bytes, bits.length); // bits again
 */
export function enumerativeEncode(bits: Uint8Array): EnumerativeCode {
  const n = bits.length;
  const { k, index, count } = enumerativeIndex(bits);
  const kBits = bitLength(BigInt(n));
  const indexBits = bitLength(count - 1n);
  const total = kBits + indexBits;
  const nBytes = Math.ceil(total / 8);
  const value = ((BigInt(k) << BigInt(indexBits)) | index) << BigInt(8 * nBytes - total);
  return { n, k, index, kBits, indexBits, bits: total, bytes: bigintToBytes(value, nBytes) };
}

/** Decode {@link enumerativeEncode}'s bytes for a sequence of length n; malformed input is corrupt data. */
export function enumerativeDecode(bytes: Uint8Array, n: number): Uint8Array {
  if (!(Number.isInteger(n) && n >= 0)) throw invalidValue('n', n, 'an integer >= 0');
  const kBits = bitLength(BigInt(n));
  if (bytes.length * 8 < kBits) throw corruptData('enumerative code shorter than its K field');
  const all = bytesToBigint(bytes);
  const k = Number(all >> BigInt(8 * bytes.length - kBits));
  if (k > n) throw corruptData(`enumerative code gives K = ${k} > N = ${n}`);
  const count = binomial(n, k);
  const indexBits = bitLength(count - 1n);
  const total = kBits + indexBits;
  if (bytes.length !== Math.ceil(total / 8)) throw corruptData(`enumerative code of ${bytes.length} bytes, expected ${Math.ceil(total / 8)}`);
  const padding = BigInt(8 * bytes.length - total);
  if ((all & ((1n << padding) - 1n)) !== 0n) throw corruptData('enumerative code has non-zero padding');
  const index = (all >> padding) & ((1n << BigInt(indexBits)) - 1n);
  if (index >= count) throw corruptData('enumerative index out of range');
  const out = new Uint8Array(n);
  unrankNode(index, n, k, count, out, 0);
  return out;
}

function bigintToBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  if (length === 0) return out;
  const hex = value.toString(16).padStart(2 * length, '0');
  for (let i = 0; i < length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

function bytesToBigint(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return BigInt(`0x${hex}`);
}
