import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { enumerate } from '../../src/exact/enumerate.js';
import { type Coupling, IsingModel } from '../../src/models/ising.js';
import { chainModel, squareModel } from '../../src/models/lattices.js';
import { sherringtonKirkpatrickModel } from '../../src/models/disorder.js';
import { bethe } from '../../src/variational/bethe.js';
import { meanField } from '../../src/variational/mean-field.js';
import { tap } from '../../src/variational/tap.js';

/** A random tree (or forest, when `forest`) with random couplings of both signs and random fields. */
function randomTree(n: number, seed: number, forest = false): IsingModel {
  const rng = Rng.fromSeed(seed);
  const couplings: Coupling[] = [];
  for (let i = 1; i < n; i++) {
    if (forest && rng.nextDouble() < 0.2) continue;
    couplings.push([rng.nextInt(i), i, 2 * rng.normal()]);
  }
  return IsingModel.fromCouplings(n, couplings, Array.from({ length: n }, () => rng.normal()));
}

describe('Bethe / belief propagation', () => {
  it.each([1, 2, 3, 4, 5, 6])('is exact on a random tree with fields (seed %i): F, <s_n>, <s_n s_m>', (seed) => {
    const model = randomTree(13, seed, seed > 4);
    const temperature = 0.5 + seed / 4;
    const exact = enumerate(model, { temperature, correlations: true });
    const r = bethe(model, { temperature });
    expect(r.converged).toBe(true);
    expect(r.bound).toBe('none');
    expect(r.freeEnergy).toBeCloseTo(exact.freeEnergy, 9);
    expect(r.energy).toBeCloseTo(exact.energy, 8);
    expect(r.entropy).toBeCloseTo(exact.entropy, 8);
    for (let n = 0; n < model.size; n++) expect(r.magnetization[n]).toBeCloseTo((exact.spinMeans as Float64Array)[n], 9);
    for (let n = 0; n < model.size; n++) {
      for (let k = model.offsets[n]; k < model.offsets[n + 1]; k++) {
        expect(r.pairCorrelations[k]).toBeCloseTo((exact.correlations as Float64Array)[n * model.size + model.neighbors[k]], 9);
      }
    }
  });

  it('is exact on an open chain and approximate (but close) on loopy graphs', () => {
    const chain = chainModel(16, { coupling: -1, field: 0.1, boundary: 'open' });
    expect(bethe(chain, { temperature: 1.3 }).freeEnergy).toBeCloseTo(enumerate(chain, { temperature: 1.3 }).freeEnergy, 9);
    const torus = squareModel(4, 4, { coupling: -1 });
    const exact = enumerate(torus, { temperature: 3 }).freeEnergy;
    const r = bethe(torus, { temperature: 3 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.freeEnergy - exact)).toBeGreaterThan(1e-3);
    // Bethe beats naive mean field on loopy lattices.
    expect(Math.abs(r.freeEnergy - exact)).toBeLessThan(Math.abs(meanField(torus, { temperature: 3 }).freeEnergy - exact));
  });

  it('flags non-convergence (iteration cap) instead of returning a silent number', () => {
    const model = sherringtonKirkpatrickModel(16, { seed: 4, field: 0.1 });
    const r = bethe(model, { beta: 3, maxIterations: 3, damping: 0 });
    expect(r.converged).toBe(false);
    const capped = bethe(randomTree(10, 9), { temperature: 1, maxIterations: 1 });
    expect(capped.converged).toBe(false);
  });
});

describe('TAP (second-order Plefka)', () => {
  it('is exact without couplings and beats mean field at high temperature', () => {
    const free = IsingModel.fromCouplings(4, [], [0.5, -0.2, 0, 1]);
    expect(tap(free, { temperature: 1 }).freeEnergy).toBeCloseTo(enumerate(free, { temperature: 1 }).freeEnergy, 12);
    for (const seed of [1, 2, 3]) {
      const model = sherringtonKirkpatrickModel(14, { seed, field: 0.2 });
      const exact = enumerate(model, { beta: 0.3 }).freeEnergy;
      const t = tap(model, { beta: 0.3 });
      expect(t.converged).toBe(true);
      expect(Math.abs(t.freeEnergy - exact)).toBeLessThan(0.3 * Math.abs(meanField(model, { beta: 0.3 }).freeEnergy - exact));
    }
  });

  it('is correct to second order in beta: error / beta^3 stays bounded as beta -> 0', () => {
    const model = sherringtonKirkpatrickModel(10, { seed: 7, field: 0.3 });
    const errors = [0.1, 0.05, 0.025].map((beta) => Math.abs(tap(model, { beta }).logZ - enumerate(model, { beta }).logZ));
    const mfErrors = [0.1, 0.05, 0.025].map((beta) => Math.abs(meanField(model, { beta }).logZ - enumerate(model, { beta }).logZ));
    // log Z errors: TAP falls ~8x per halving of beta (order beta^3), mean field ~4x (order beta^2).
    expect(errors[0] / errors[1]).toBeGreaterThan(6);
    expect(errors[1] / errors[2]).toBeGreaterThan(6);
    expect(mfErrors[0] / mfErrors[1]).toBeLessThan(5);
  });

  it('flags non-convergence', () => {
    const r = tap(sherringtonKirkpatrickModel(16, { seed: 2 }), { beta: 1, maxIterations: 2 });
    expect(r.converged).toBe(false);
    expect(r.bound).toBe('none');
  });
});
