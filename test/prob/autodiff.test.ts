import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Operand, type Scalar, Tape, type Vector } from '../../src/prob/index.js';

/** Central finite difference of f at x in coordinate i. */
function finiteDifference(f: (x: Float64Array) => number, x: Float64Array, i: number, h = 1e-6): number {
  const up = Float64Array.from(x);
  const down = Float64Array.from(x);
  up[i] += h;
  down[i] -= h;
  return (f(up) - f(down)) / (2 * h);
}

/** Check the tape gradient of a function of a vector against finite differences. */
function checkGradient(build: (t: Tape, v: Vector) => Scalar, x: Float64Array): void {
  const t = new Tape();
  const v = t.vector(x);
  t.backward(build(t, v));
  const f = (y: Float64Array) => {
    const t2 = new Tape();
    return build(t2, t2.vector(y)).value;
  };
  for (let i = 0; i < x.length; i++) {
    const fd = finiteDifference(f, x, i);
    expect(Math.abs(v.grad[i] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
  }
}

describe('reverse-mode autodiff', () => {
  it('scalar chain: d/dx of x e^x and of a function used twice', () => {
    const t = new Tape();
    const x = t.scalar(2);
    const y = t.mul(x, t.exp(x));
    const z = t.add(y, t.mul(y, y)); // y + y^2
    t.backward(z);
    expect(x.grad).toBeCloseTo((1 + 2 * y.value) * 3 * Math.exp(2), 10);
  });

  const unary: Array<[string, (t: Tape, a: Operand) => Operand]> = [
    ['exp', (t, a) => t.exp(a as Vector)],
    ['log', (t, a) => t.log(a as Vector)],
    ['log1p', (t, a) => t.log1p(a as Vector)],
    ['sqrt', (t, a) => t.sqrt(a as Vector)],
    ['square', (t, a) => t.square(a as Vector)],
    ['pow 2.5', (t, a) => t.pow(a as Vector, 2.5)],
    ['tanh', (t, a) => t.tanh(a as Vector)],
    ['sigmoid', (t, a) => t.sigmoid(a as Vector)],
    ['softplus', (t, a) => t.softplus(a as Vector)],
    ['logGamma', (t, a) => t.logGamma(a as Vector)],
    ['neg', (t, a) => t.neg(a as Vector)],
  ];
  it.each(unary)('%s: vector gradient matches finite differences (property)', (_name, op) => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.2, max: 3, noNaN: true }), { minLength: 1, maxLength: 5 }), (xs) => {
        checkGradient((t, v) => t.sum(t.mul(op(t, v) as Vector, Float64Array.from(xs, (_, i) => i + 1))), Float64Array.from(xs));
      }),
      { numRuns: 30 },
    );
  });

  it('binary operations with broadcasting, reductions, index and stack (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.3, max: 2, noNaN: true }), { minLength: 3, maxLength: 6 }), (xs) => {
        const c = Float64Array.from(xs, (x) => x + 0.5);
        checkGradient((t, v) => {
          const a = t.index(v, 0);
          const b = t.index(v, 1);
          const s = t.div(t.mul(a, b), t.add(b, 1)); // scalar-scalar
          const u = t.sub(t.mul(v, s), t.div(c, v)); // vector with scalar broadcast and constant vector
          const stacked = t.stack([a, t.exp(b), 3]);
          return t.add(t.add(t.logSumExp(u), t.dot(v, c)), t.sum(t.square(stacked)));
        }, Float64Array.from(xs));
      }),
      { numRuns: 100 },
    );
  });

  it('the finite-difference check catches a wrong derivative', () => {
    // a deliberately wrong derivative: d/dx tanh(x) claimed to be 1 - x^2
    const wrong = (t: Tape, v: Vector) => {
      const out = t.sum(t.tanh(v));
      return out;
    };
    const x = Float64Array.of(0.7, 1.3);
    const t = new Tape();
    const v = t.vector(x);
    t.backward(wrong(t, v));
    const brokenGrad = Array.from(x, (xi) => 1 - xi * xi);
    const fd = Array.from(x, (_, i) => finiteDifference((y) => y.reduce((s, yi) => s + Math.tanh(yi), 0), x, i));
    expect(Math.abs(brokenGrad[0] - fd[0])).toBeGreaterThan(1e-3);
    expect(Math.abs(v.grad[0] - fd[0])).toBeLessThan(1e-8);
  });

  it('clear errors for misuse', () => {
    const t1 = new Tape();
    const t2 = new Tape();
    expect(() => t1.add(t1.scalar(1), t2.scalar(2))).toThrow(/another tape/);
    expect(() => t1.add(t1.vector([1, 2]), t1.vector([1, 2, 3]))).toThrow(/vector lengths differ: 2 and 3/);
    expect(() => t1.index(t1.vector([1]), 3)).toThrow(/index: got 3/);
  });
});
