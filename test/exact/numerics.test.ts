import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KrylovEigensolver } from '../../src/exact/krylov-eigen.js';
import { mixMoments } from '../../src/exact/mixture.js';
import { symmetricEigen } from '../../src/exact/symmetric-eigen.js';
import { pairWeight } from '../../src/exact/transfer-matrix-strip-dense.js';
import { Rng } from '../../src/core/rng.js';

function randomSymmetric(n: number, seed: number, repeat = 1): Float64Array {
  const rng = Rng.fromSeed(seed);
  const a = new Float64Array(n * n);
  // Block structure with `repeat` copies gives exactly repeated eigenvalues.
  const block = n / repeat;
  const b = new Float64Array(block * block);
  for (let i = 0; i < block; i++) for (let j = 0; j <= i; j++) b[i * block + j] = b[j * block + i] = rng.normal();
  for (let r = 0; r < repeat; r++) for (let i = 0; i < block; i++) for (let j = 0; j < block; j++) a[(r * block + i) * n + r * block + j] = b[i * block + j];
  return a;
}

describe('symmetric eigen-decomposition', () => {
  it.each([[1, 1], [2, 1], [7, 1], [40, 1], [48, 3]])('n = %i (%i copies): A V = V diag(lambda), V orthogonal, values descending', (n, repeat) => {
    const a = randomSymmetric(n, n + repeat, repeat);
    const { values, vectors } = symmetricEigen(a, n);
    let scale = 0;
    for (const x of a) scale = Math.max(scale, Math.abs(x));
    for (let k = 0; k < n; k++) {
      if (k > 0) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a[i * n + j] * vectors[j * n + k];
        expect(Math.abs(s - values[k] * vectors[i * n + k])).toBeLessThan(1e-12 * scale * n);
      }
      for (let l = 0; l <= k; l++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += vectors[i * n + k] * vectors[i * n + l];
        expect(Math.abs(s - (k === l ? 1 : 0))).toBeLessThan(1e-13 * n);
      }
    }
    if (repeat === 3) expect(values[0] - values[2]).toBeLessThan(1e-12 * scale);
  });

  it('Krylov finds the leading eigenvalues with their multiplicities', () => {
    const n = 60;
    const a = randomSymmetric(n, 3, 2);
    const exact = Array.from(symmetricEigen(a, n).values).sort((x, y) => Math.abs(y) - Math.abs(x));
    const solver = new KrylovEigensolver((v, out) => {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a[i * n + j] * v[j];
        out[i] = s;
      }
    }, n, 4, 1);
    solver.extend(n);
    const ritz = solver.ritz(1e-12);
    expect(ritz.values.length).toBe(n);
    for (let k = 0; k < n; k++) expect(Math.abs(ritz.values[k] - exact[k])).toBeLessThan(1e-12 * Math.abs(exact[0]));
  });
});

describe('numerical helpers', () => {
  it('pairWeight sums a^m b^(L-2-m) without cancellation', () => {
    const direct = (a: number, b: number, l: number) => {
      let s = 0;
      for (let m = 0; m <= l - 2; m++) s += a ** m * b ** (l - 2 - m);
      return s;
    };
    for (const [a, b, l] of [[0.9, 0.3, 10], [0.5, 0.5, 7], [1, 1 - 1e-12, 50], [-0.7, 0.4, 9], [0.8, -0.8, 6], [0.3, 0, 2]]) {
      expect(Math.abs(pairWeight(a, b, l) - direct(a, b, l))).toBeLessThan(1e-13 * Math.max(1, Math.abs(direct(a, b, l))));
    }
    expect(pairWeight(1, 1 - 1e-15, 1e6)).toBeCloseTo(1e6 - 1, 3);
  });

  it('mixMoments is the law of total variance (property test)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true })), { minLength: 1, maxLength: 6 }), (parts) => {
      const mixed = mixMoments(parts.map(([logWeight, mean, variance]) => ({ logWeight, mean, variance })));
      const w = parts.map(([l]) => Math.exp(l));
      const total = w.reduce((x, y) => x + y, 0);
      const mean = parts.reduce((s, [, m], i) => s + (w[i] * m) / total, 0);
      const second = parts.reduce((s, [, m, v], i) => s + (w[i] * (v + m * m)) / total, 0);
      return Math.abs(mixed.logWeight - Math.log(total)) < 1e-12 && Math.abs(mixed.mean - mean) < 1e-9 && Math.abs(mixed.variance - (second - mean * mean)) < 1e-7 * Math.max(1, second);
    }));
  });
});
