import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { Adam } from '../../src/variational/adam.js';
import { squareModel } from '../../src/models/lattices.js';
import { MadeNetwork, separatorConditioning } from '../../src/variational/made.js';

/** Every configuration of n spins, row by row (bit set = -1). */
function allStates(n: number): Int8Array {
  const states = new Int8Array((1 << n) * n);
  for (let x = 0; x < 1 << n; x++) for (let i = 0; i < n; i++) states[x * n + i] = (x >> i) & 1 ? -1 : 1;
  return states;
}

function network(n: number, depth: number, width: number, z2: boolean, seed = 3, graph = false): MadeNetwork {
  const conditioning = graph ? separatorConditioning(squareModel(2, n / 2, { boundary: 'open' })) : undefined;
  const net = new MadeNetwork({ spins: n, depth, width, z2, conditioning });
  net.initialize(Rng.fromSeed(seed));
  // Larger weights than the initialisation, so every path matters.
  for (let i = 0; i < net.params.length; i++) net.params[i] *= 4;
  return net;
}

/** Largest |analytic - central difference| of sum_b w_b log q(s_b) over every parameter. */
function gradientCheck(net: MadeNetwork, spins: Int8Array, weights: Float64Array, grad: Float64Array): number {
  const count = weights.length;
  const ws = net.workspace(count);
  const objective = () => {
    net.logProbability(ws, spins, count);
    let f = 0;
    for (let b = 0; b < count; b++) f += weights[b] * ws.logq[b];
    return f;
  };
  let worst = 0;
  const h = 1e-5;
  for (let i = 0; i < net.params.length; i++) {
    const old = net.params[i];
    net.params[i] = old + h;
    const up = objective();
    net.params[i] = old - h;
    const down = objective();
    net.params[i] = old;
    worst = Math.max(worst, Math.abs((up - down) / (2 * h) - grad[i]));
  }
  return worst;
}

const configurations: Array<[number, number, number, boolean, boolean]> = [
  [6, 0, 1, false, false],
  [6, 1, 7, false, false],
  [6, 2, 5, true, false],
  [7, 3, 9, false, false],
  [5, 2, 12, true, false],
  [6, 1, 3, false, true],
  [8, 2, 2, true, true],
  [6, 3, 2, false, true],
];

describe('MADE autoregressive network', () => {
  it.each(configurations)('N=%i depth=%i width=%i z2=%s graph=%s: normalised, autoregressive, sampling and log q agree, gradient matches finite differences', (n, depth, width, z2, graph) => {
    const net = network(n, depth, width, z2, 3, graph);
    const states = allStates(n);
    const ws = net.workspace(1 << n);
    net.logProbability(ws, states, 1 << n);
    let total = 0;
    for (let x = 0; x < 1 << n; x++) total += Math.exp(ws.logq[x]);
    expect(total).toBeCloseTo(1, 12);
    if (z2) for (let x = 0; x < 1 << n; x++) expect(ws.logq[x]).toBeCloseTo(ws.logq[(1 << n) - 1 - x], 12);

    const count = 6;
    const sample = net.workspace(count);
    net.sampleBatch(sample, count, Rng.fromSeed(11));
    const logq = Float64Array.from(sample.logq);
    const spins = Int8Array.from(sample.spins);
    net.logProbability(sample, spins, count);
    for (let b = 0; b < count; b++) expect(sample.logq[b]).toBeCloseTo(logq[b], 12);

    // The gradient after sampling (activations from the sampler) must equal the finite differences.
    net.sampleBatch(sample, count, Rng.fromSeed(11));
    const weights = Float64Array.from({ length: count }, (_, b) => b - 2.3);
    const grad = new Float64Array(net.params.length);
    net.accumulateGradient(sample, weights, count, grad);
    expect(gradientCheck(net, spins, weights, grad)).toBeLessThan(1e-7);
    // Autoregressive property: logit i does not change when any spin j >= i flips.
    const base = Int8Array.from(spins.subarray(0, n));
    const one = net.workspace(1);
    net.logProbability(one, base, 1);
    const logits = Float64Array.from(one.logits);
    for (let j = 0; j < n; j++) {
      const flipped = Int8Array.from(base);
      flipped[j] = -flipped[j];
      if (z2 && j === 0) continue; // flipping s_0 flips the network's whole input under Z2
      net.logProbability(one, flipped, 1);
      for (let i = 0; i <= j; i++) expect(one.logits[i]).toBe(logits[i]);
    }
  });

  it('the gradient check detects a wrong gradient', () => {
    const net = network(5, 2, 6, false);
    const ws = net.workspace(3);
    net.sampleBatch(ws, 3, Rng.fromSeed(1));
    const spins = Int8Array.from(ws.spins);
    const weights = Float64Array.of(1, -0.5, 2);
    const grad = new Float64Array(net.params.length);
    net.accumulateGradient(ws, weights, 3, grad);
    grad[net.biasOffset[1] + 2] *= 1.01; // one entry off by 1%
    expect(gradientCheck(net, spins, weights, grad)).toBeGreaterThan(1e-4);
  });

  it('samples with the frequencies q assigns (chi-square over all 16 states)', () => {
    const n = 4;
    const net = network(n, 1, 6, false, 8);
    const states = allStates(n);
    const ws = net.workspace(16);
    net.logProbability(ws, states, 16);
    const q = Array.from(ws.logq, Math.exp);
    const draws = 40_000;
    const sampler = net.workspace(1000);
    const counts = new Float64Array(16);
    const rng = Rng.fromSeed(5);
    for (let done = 0; done < draws; done += 1000) {
      net.sampleBatch(sampler, 1000, rng);
      for (let b = 0; b < 1000; b++) {
        let x = 0;
        for (let i = 0; i < n; i++) if (sampler.spins[b * n + i] === -1) x |= 1 << i;
        counts[x]++;
      }
    }
    let chi2 = 0;
    for (let x = 0; x < 16; x++) chi2 += (counts[x] - draws * q[x]) ** 2 / (draws * q[x]);
    // 15 degrees of freedom: P(chi2 > 37.7) = 0.001.
    expect(chi2).toBeLessThan(37.7);
    // A sampler that ignores the last conditional (a broken kernel) fails the same test.
    let broken = 0;
    const p3 = new Float64Array(16);
    for (let x = 0; x < 16; x++) p3[x & 7] += q[x];
    for (let x = 0; x < 16; x++) {
      const expected = draws * p3[x & 7] * 0.5;
      broken += (counts[x] - expected) ** 2 / expected;
    }
    expect(broken).toBeGreaterThan(37.7);
  });

  it('graph masks condition spin i on exactly the separator of the past from the future', () => {
    const torus = squareModel(4, 4, { coupling: -1 });
    const sets = separatorConditioning(torus);
    expect(sets[0]).toEqual([]);
    // Site 9 = (1, 2): the first row (wraps to the last) and the 4 spins before it.
    expect(sets[9]).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    expect(sets[15]).toEqual([3, 11, 12, 14]); // its own neighbours: nothing later is left
    expect(() => new MadeNetwork({ spins: 3, depth: 1, width: 2, z2: false, conditioning: [[], [0], [2]] })).toThrow(/conditioning\[2\]\[0\]: got 2/);
  });

  it('rejects bad architectures', () => {
    expect(() => new MadeNetwork({ spins: 0, depth: 1, width: 4, z2: false })).toThrow(/spins: got 0/);
    expect(() => new MadeNetwork({ spins: 4, depth: -1, width: 4, z2: false })).toThrow(/depth: got -1/);
    expect(() => new MadeNetwork({ spins: 4, depth: 1, width: 0, z2: false })).toThrow(/width: got 0/);
  });
});

describe('Adam', () => {
  it('minimises a badly scaled quadratic', () => {
    const x = Float64Array.of(3, -2);
    const adam = new Adam(2);
    const grad = new Float64Array(2);
    for (let t = 0; t < 3000; t++) {
      grad[0] = 2 * 100 * x[0];
      grad[1] = 2 * 0.01 * (x[1] - 1);
      adam.update(x, grad, 0.01);
    }
    expect(Math.abs(x[0])).toBeLessThan(1e-2);
    expect(Math.abs(x[1] - 1)).toBeLessThan(1e-2);
  });
});
