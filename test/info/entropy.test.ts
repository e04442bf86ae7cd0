import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { empiricalEntropies, EmpiricalEntropyCounter } from '../../src/info/entropy/empirical.js';
import { SQUASH, STRETCH } from '../../src/info/models/logistic.js';

/** H_k by string-keyed maps, independently of the counter's hash tables. */
function referenceEntropy(bytes: Uint8Array, k: number): number {
  const joint = new Map<string, number>();
  const context = new Map<string, number>();
  let m = 0;
  for (let t = k; t < bytes.length; t++) {
    const c = Array.from(bytes.subarray(t - k, t)).join(',');
    const g = `${c}|${bytes[t]}`;
    joint.set(g, (joint.get(g) ?? 0) + 1);
    context.set(c, (context.get(c) ?? 0) + 1);
    m++;
  }
  let bits = 0;
  for (const [g, n] of joint) bits += n * Math.log2((context.get(g.split('|')[0]) as number) / n);
  return m > 0 ? bits / m : 0;
}

describe('empirical entropies', () => {
  it('match a direct count for orders 0..5, in one piece or in chunks (and never increase with k on a common window)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }).map((a) => a.map((b) => b % 5)), fc.nat(400), (bytes, cut) => {
        const whole = empiricalEntropies(bytes, 5);
        const counter = new EmpiricalEntropyCounter(5);
        counter.update(bytes.subarray(0, cut));
        counter.update(bytes.subarray(cut));
        const chunked = counter.result();
        for (let k = 0; k <= 5; k++) {
          expect(whole[k].bitsPerByte).toBeCloseTo(referenceEntropy(bytes, k), 10);
          expect(chunked[k].bitsPerByte).toBeCloseTo(whole[k].bitsPerByte, 12);
        }
      }),
      { seed: 1, numRuns: 50 },
    );
  });

  it('on a common window, conditioning on more context never increases the entropy', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 300 }).map((a) => a.map((b) => b % 4)), (bytes) => {
        // Same positions t >= 3 for every k: H(X_t | k previous) is non-increasing in k.
        const window = (k: number) => referenceEntropy(bytes.subarray(3 - k), k);
        for (let k = 1; k <= 3; k++) expect(window(k)).toBeLessThanOrEqual(window(k - 1) + 1e-12);
      }),
      { seed: 2, numRuns: 50 },
    );
  });

  it('known values: a periodic text has H_0 = 1 and H_1 = 0', () => {
    const h = empiricalEntropies(new TextEncoder().encode('ab'.repeat(100)), 2);
    expect(h[0].bitsPerByte).toBeCloseTo(1, 12);
    expect(h[1].bitsPerByte).toBe(0);
    expect(h[0].boundBytes).toBeCloseTo(25, 9);
  });
});

describe('logistic tables', () => {
  it('squash is built with a margin from every rounding boundary (identical on every engine)', () => {
    for (let i = 0; i < 4096; i++) {
      const exact = 65536 / (1 + Math.exp(-(i - 2048) / 256));
      if (exact > 1 && exact < 65535) expect(Math.abs((exact % 1) - 0.5)).toBeGreaterThan(1e-6);
    }
  });

  it('stretch inverts squash and both are monotone', () => {
    for (let i = 1; i < 4096; i++) expect(SQUASH[i]).toBeGreaterThanOrEqual(SQUASH[i - 1]);
    for (let p = 1; p < 4096; p++) expect(STRETCH[p]).toBeGreaterThanOrEqual(STRETCH[p - 1]);
    for (let x = -1200; x <= 1200; x += 25) expect(Math.abs(STRETCH[SQUASH[x + 2048] >>> 4] - x)).toBeLessThanOrEqual(16);
  });
});
