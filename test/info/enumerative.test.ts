import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { binomial, bitLength, log2Binomial } from '../../src/info/coding/binomial.js';
import { enumerativeDecode, enumerativeEncode, enumerativeIndex, enumerativeSequence } from '../../src/info/coding/enumerative.js';
import { runLengthDecode, runLengthEncode } from '../../src/info/coding/run-length.js';
import { biasedCoin } from '../../src/info/coin.js';

/** C(n, k) by the multiplicative formula, independently of the prime-factor product tree. */
function referenceBinomial(n: number, k: number): bigint {
  let c = 1n;
  for (let i = 1; i <= k; i++) c = (c * BigInt(n - k + i)) / BigInt(i);
  return c;
}

function withOnes(n: number, k: number, rng: Rng): Uint8Array {
  const bits = new Uint8Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (let i = 0; i < k; i++) bits[order[i]] = 1;
  return bits;
}

describe('binomials', () => {
  it('exact C(n, k) matches the multiplicative formula; log2 C(n, k) matches its bit length', () => {
    const rng = Rng.fromSeed(1);
    for (let trial = 0; trial < 60; trial++) {
      const n = rng.nextInt(3000);
      const k = rng.nextInt(n + 1);
      const c = binomial(n, k);
      expect(c).toBe(referenceBinomial(n, k));
      if (c > 1n << 60n) {
        const shift = bitLength(c) - 60;
        const log2 = Math.log2(Number(c >> BigInt(shift))) + shift;
        expect(Math.abs(log2Binomial(n, k) - log2)).toBeLessThan(1e-9 * log2);
      }
    }
    expect(binomial(5, 7)).toBe(0n);
  });
});

describe('enumerative coding', () => {
  it('is a bijection onto [0, C(n, k)): all 2^12 sequences of length 12', () => {
    const seen = new Map<number, Set<bigint>>();
    for (let x = 0; x < 4096; x++) {
      const bits = Uint8Array.from({ length: 12 }, (_, i) => (x >> i) & 1);
      const { k, index, count } = enumerativeIndex(bits);
      expect(count).toBe(referenceBinomial(12, k));
      expect(index >= 0n && index < count).toBe(true);
      if (!seen.has(k)) seen.set(k, new Set());
      seen.get(k)?.add(index);
      expect(Array.from(enumerativeSequence(12, k, index))).toEqual(Array.from(bits));
    }
    for (const [k, set] of seen) expect(BigInt(set.size)).toBe(referenceBinomial(12, k));
  });

  it('round trips random sequences across the divide-and-conquer sizes, in exactly ceil(log2 C) + ceil(log2(N+1)) bits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2500 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), (n, q, seed) => {
        const bits = withOnes(n, Math.round(q * n), Rng.fromSeed(seed));
        const code = enumerativeEncode(bits);
        const count = referenceBinomial(n, code.k);
        expect(code.indexBits).toBe(count === 1n ? 0 : (count - 1n).toString(2).length);
        expect(code.kBits).toBe(n.toString(2).length);
        expect(code.bytes.length).toBe(Math.ceil(code.bits / 8));
        expect(Array.from(enumerativeDecode(code.bytes, n))).toEqual(Array.from(bits));
      }),
      { seed: 2, numRuns: 60 },
    );
  });

  it('handles long coin sequences and sequences deep in a tail (all ones first)', () => {
    // N = 10^6 takes a second or two (see bench/info.bench.ts); the suite uses 2 * 10^5.
    const flips = biasedCoin(200_000, 0.9, Rng.fromSeed(3));
    const code = enumerativeEncode(flips);
    expect(code.indexBits).toBe(Math.ceil(log2Binomial(200_000, code.k)));
    expect(Buffer.from(enumerativeDecode(code.bytes, flips.length))).toEqual(Buffer.from(flips));
    const skewed = new Uint8Array(200_000);
    skewed.fill(1, 0, 70_000);
    expect(Buffer.from(enumerativeDecode(enumerativeEncode(skewed).bytes, skewed.length))).toEqual(Buffer.from(skewed));
  });

  it('rejects malformed codes as corrupt data', () => {
    const code = enumerativeEncode(withOnes(100, 30, Rng.fromSeed(4)));
    expect(() => enumerativeDecode(code.bytes.subarray(1), 100)).toThrow(/corrupt/);
    const big = code.bytes.slice();
    big[0] = 0xff; // K = 127 > N
    expect(() => enumerativeDecode(big, 100)).toThrow(/corrupt/);
  });
});

describe('run-length baseline', () => {
  it('round trips and stays above N·H but close for i.i.d. bits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }).map((a) => a.map((b) => b & 1)), (bits) => {
        expect(Array.from(runLengthDecode(runLengthEncode(bits).bytes, bits.length))).toEqual(Array.from(bits));
      }),
      { seed: 5, numRuns: 200 },
    );
    const flips = biasedCoin(200_000, 0.95, Rng.fromSeed(6));
    const h = -(0.95 * Math.log2(0.95) + 0.05 * Math.log2(0.05));
    const code = runLengthEncode(flips);
    expect(code.bits / flips.length).toBeGreaterThan(h);
    expect(code.bits / flips.length).toBeLessThan(1.05 * h);
  });

  it('rejects a code whose runs overrun the sequence', () => {
    const code = runLengthEncode(Uint8Array.of(0, 0, 0, 0, 1, 0, 0));
    expect(() => runLengthDecode(code.bytes, 3)).toThrow(/corrupt/);
  });
});
