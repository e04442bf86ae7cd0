import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import {
  DiscreteTable,
  ancestralSample,
  bayes,
  binaryEntropy,
  chainRule,
  crossEntropy,
  entropy,
  jensenShannon,
  klDivergence,
  klDivergenceExplained,
  mutualInformation,
  productOf,
} from '../../src/prob/index.js';

// p(rain, wet): rain in {0,1}, wet in {0,1}
const joint = DiscreteTable.from([['rain', 2], ['wet', 2]], [0.56, 0.14, 0.03, 0.27]);

/** A random normalised vector of length k with some exact zeros. */
const distribution = (k: number) =>
  fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })), { minLength: k, maxLength: k }).filter((w) => w.some((x) => x > 0)).map((w) => {
    const s = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / s);
  });

const closeArrays = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(tol);
};

describe('discrete tables', () => {
  it('marginals and conditionals by hand', () => {
    closeArrays(joint.marginal(['wet']).values, [0.59, 0.41]);
    closeArrays(joint.marginal(['rain']).values, [0.7, 0.3]);
    const rainGivenWet = joint.conditional(['rain'], ['wet']);
    expect(rainGivenWet.names).toEqual(['wet', 'rain']);
    expect(rainGivenWet.get({ rain: 1, wet: 1 })).toBeCloseTo(0.27 / 0.41, 15);
    expect(rainGivenWet.isNormalized()).toBe(true);
    expect(joint.observe({ wet: 1 }).values).toEqual(new Float64Array([0.14, 0.27]));
  });

  it('product of a conditional and its marginal is the joint', () => {
    const pWet = joint.marginal(['wet']);
    const back = joint.conditional(['rain'], ['wet']).product(pWet).reorder(['rain', 'wet']);
    expect(back.given).toEqual([]);
    closeArrays(back.values, joint.values);
  });

  it("Bayes' rule: the diagnostic-test example", () => {
    const prior = DiscreteTable.from([['disease', 2]], [0.99, 0.01]);
    const test = DiscreteTable.from([['disease', 2], ['positive', 2]], [0.95, 0.05, 0.1, 0.9], ['disease']);
    const { posterior, evidence } = bayes(prior, test, { positive: 1 });
    expect(evidence).toBeCloseTo(0.99 * 0.05 + 0.01 * 0.9, 15);
    expect(posterior.get({ disease: 1 })).toBeCloseTo(0.009 / 0.0585, 14);
    expect(() => bayes(prior, test, { disease: 1 })).toThrow(/evidence: got "disease"/);
  });

  it('chain rule: the factors multiply back to the joint in every order (property)', () => {
    fc.assert(
      fc.property(distribution(12), fc.constantFrom(['a', 'b', 'c'], ['c', 'a', 'b'], ['b', 'c', 'a']), (p, order) => {
        const t = DiscreteTable.from([['a', 2], ['b', 3], ['c', 2]], p);
        const factors = chainRule(t, [...order]);
        factors.forEach((f, i) => expect(f.given).toEqual(order.slice(0, i)));
        closeArrays(productOf(factors).reorder(['a', 'b', 'c']).values, t.values, 1e-12);
      }),
      { numRuns: 100 },
    );
  });

  it('chain rule of entropy: H(x1..xN) = sum_i H(xi | x<i) (property)', () => {
    fc.assert(
      fc.property(distribution(12), (p) => {
        const t = DiscreteTable.from([['a', 2], ['b', 3], ['c', 2]], p);
        const sum = t.conditionalEntropy(['a'], []) + t.conditionalEntropy(['b'], ['a']) + t.conditionalEntropy(['c'], ['a', 'b']);
        expect(Math.abs(sum - t.entropy())).toBeLessThan(1e-12);
        const mi = t.mutualInformation(['a'], ['b', 'c']);
        expect(Math.abs(mi - (t.marginal(['a']).entropy() - t.conditionalEntropy(['a'], ['b', 'c'])))).toBeLessThan(1e-12);
        expect(mi).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 100 },
    );
  });

  it('ancestral sampling reproduces the joint (chi-square, 11 dof, 0.001 critical value); a broken factorisation is detected', () => {
    const p = [0.02, 0.1, 0.05, 0.13, 0.2, 0.1, 0.04, 0.06, 0.08, 0.07, 0.1, 0.05];
    const t = DiscreteTable.from([['a', 2], ['b', 3], ['c', 2]], p);
    const chi2 = (factors: DiscreteTable[]) => {
      const n = 8000;
      const { names, samples } = ancestralSample(factors, Rng.fromSeed(3), n);
      const counts = new Float64Array(12);
      for (let s = 0; s < n; s++) {
        const a: Record<string, number> = {};
        names.forEach((name, j) => (a[name] = samples[s * names.length + j]));
        counts[t.indexOf(a)]++;
      }
      return p.reduce((acc, pi, i) => acc + (counts[i] - n * pi) ** 2 / (n * pi), 0);
    };
    const critical = 31.26; // chi-square with 11 dof, upper 0.001 point
    expect(chi2(chainRule(t, ['c', 'a', 'b']))).toBeLessThan(critical);
    // broken: drop the dependence of c on (a, b) (use its marginal)
    const broken = [t.marginal(['a']), t.conditional(['b'], ['a']), t.marginal(['c'])];
    expect(chi2(broken)).toBeGreaterThan(critical);
  });

  it('shape, normalisation and ordering errors are clear', () => {
    expect(() => DiscreteTable.from([['a', 2], ['b', 3]], [1, 2, 3])).toThrow('values: has 3 entries, expected 6 (= 2 x 3 for variables a, b)');
    expect(() => DiscreteTable.from([['a', 2], ['a', 2]], [1, 2, 3, 4])).toThrow(/variables\[1\].name: got "a"/);
    expect(() => DiscreteTable.from([['a', 2]], [1, -1])).toThrow(/values\[1\]: got -1/);
    expect(() => chainRule(DiscreteTable.from([['a', 2]], [0.5, 0.6]))).toThrow(/joint: sums to 1.1/);
    const cond = DiscreteTable.from([['a', 2], ['b', 2]], [0.5, 0.5, 0.2, 0.7], ['a']);
    expect(() => cond.requireNormalized()).toThrow(/sums to 0.89+\d* for {"a":1} over b, expected 1/);
    expect(() => joint.conditional(['rain'], ['wet']).marginal(['rain'])).toThrow(/conditional on wet/);
    const zero = DiscreteTable.from([['a', 2], ['b', 2]], [0.5, 0.5, 0, 0]);
    expect(() => zero.conditional(['b'], ['a'])).toThrow(/p\({"a":1}\) = 0/);
    const pA = joint.marginal(['rain']);
    expect(() => ancestralSample([joint.conditional(['wet'], ['rain']), pA], Rng.fromSeed(1), 1)).toThrow(/conditions on rain, which no earlier factor introduces/);
    expect(() => joint.get({ rain: 2, wet: 0 })).toThrow(/assignment.rain: got 2/);
  });
});

describe('entropy and divergences', () => {
  it('known values in bits and nats', () => {
    expect(entropy([0.5, 0.5], 'bits')).toBe(1);
    expect(entropy([0.25, 0.25, 0.25, 0.25], 'bits')).toBeCloseTo(2, 15);
    expect(entropy([1, 0, 0])).toBe(0);
    expect(binaryEntropy(0.3)).toBeCloseTo(-0.3 * Math.log(0.3) - 0.7 * Math.log(0.7), 15);
    expect(klDivergence([0.5, 0.5], [0.25, 0.75], 'bits')).toBeCloseTo(0.5 * Math.log2(2) + 0.5 * Math.log2(2 / 3), 15);
    expect(jensenShannon([1, 0], [0, 1], 'bits')).toBe(1);
    expect(mutualInformation([0.5, 0, 0, 0.5], 2, 2, 'bits')).toBeCloseTo(1, 15);
    expect(mutualInformation([0.25, 0.25, 0.25, 0.25], 2, 2)).toBe(0);
  });

  it('KL is infinite when the support of p is not covered, with the reason', () => {
    const r = klDivergenceExplained([0.5, 0.5], [1, 0]);
    expect(r.value).toBe(Infinity);
    expect(r.reason).toMatch(/q\[1\] = 0 but p\[1\] = 0.5 > 0: the support of p is not covered by q/);
    expect(crossEntropy([0.5, 0.5], [1, 0])).toBe(Infinity);
    // the other way round is finite: 0 log 0 = 0
    expect(klDivergenceExplained([1, 0], [0.5, 0.5])).toEqual({ value: Math.log(2), reason: null });
  });

  it('Gibbs inequality: D(p||q) >= 0 with equality iff p = q; H(p, q) = H(p) + D(p||q); 0 <= JS <= log 2 (property)', () => {
    fc.assert(
      fc.property(distribution(5), distribution(5), (p, q) => {
        const d = klDivergence(p, q);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(klDivergence(p, p)).toBe(0);
        const same = p.every((x, i) => x === q[i]);
        if (!same && Number.isFinite(d)) expect(d).toBeGreaterThan(0);
        if (Number.isFinite(d)) expect(Math.abs(crossEntropy(p, q) - entropy(p) - d)).toBeLessThan(1e-12);
        const js = jensenShannon(p, q);
        expect(js).toBeGreaterThanOrEqual(0);
        expect(js).toBeLessThanOrEqual(Math.LN2);
        expect(Math.abs(js - jensenShannon(q, p))).toBeLessThan(1e-15);
      }),
      { numRuns: 300 },
    );
  });

  it('validates inputs', () => {
    expect(() => entropy([0.5, 0.6])).toThrow(/p: probabilities sum to 1.1/);
    expect(() => entropy([])).toThrow(/non-empty/);
    expect(() => entropy([Number.NaN, 1])).toThrow(/p\[0\]: got NaN/);
    expect(() => klDivergence([1], [0.5, 0.5])).toThrow(/q: has 2 entries but p has 1/);
    expect(() => entropy([1], 'dits' as 'bits')).toThrow(/unit: got "dits"/);
    expect(() => mutualInformation([1, 0, 0], 2, 2)).toThrow(/rows x cols = 2 x 2/);
  });
});
