import { describe, expect, it } from 'vitest';
import { chainComponents } from '../../src/exact/chain-components.js';
import { enumerate } from '../../src/exact/enumerate.js';
import { chainTransferMatrix } from '../../src/exact/transfer-matrix-chain.js';
import { Rng } from '../../src/core/rng.js';
import { IsingModel, type Coupling } from '../../src/models/ising.js';
import { chainModel, squareModel } from '../../src/models/lattices.js';
import { fixtures, rel } from './helpers.js';

/** Chains in scrambled site order: a cycle of 7, a path of 3, a path of 2 and an isolated spin. */
function scrambledChains(seed: number): IsingModel {
  const rng = Rng.fromSeed(seed);
  const order = [3, 7, 0, 12, 1, 10, 2, 5, 8, 4, 6, 9, 11];
  const c: Coupling[] = [];
  for (let i = 0; i < 6; i++) c.push([order[i], order[i + 1], rng.normal()]);
  c.push([order[6], order[0], rng.normal()]);
  c.push([order[7], order[8], rng.normal()], [order[8], order[9], -0.4]);
  c.push([order[10], order[11], 0.8]);
  return IsingModel.fromCouplings(13, c, Array.from({ length: 13 }, () => rng.normal()));
}

describe('chain transfer matrix', () => {
  it.each([
    ['scrambled cycles and paths with random fields', scrambledChains(3)],
    ['open chain', chainModel(12, { coupling: -1, field: 0.3 })],
    ['periodic chain, antiferromagnet', chainModel(11, { coupling: 0.7, field: -0.2, boundary: 'periodic' })],
    ['ring of 3', chainModel(3, { coupling: -1.5, field: 0.1, boundary: 'periodic' })],
    ['two spins', IsingModel.fromCouplings(2, [[0, 1, -1]], [0.5, -0.25])],
    ['free spins', IsingModel.fromCouplings(5, [], [0.1, -0.2, 0.3, 0, 1])],
  ])('agrees with enumeration on %s to 1e-12', (_name, model) => {
    for (const beta of [0.3, 1.7]) {
      const a = chainTransferMatrix(model, { beta });
      const b = enumerate(model, { beta, correlations: false });
      expect(rel(a.logZ, b.logZ)).toBeLessThan(1e-13);
      expect(rel(a.energy, b.energy)).toBeLessThan(1e-12);
      expect(rel(a.heatCapacity, b.heatCapacity)).toBeLessThan(1e-11);
      expect(Math.abs((a.magnetization ?? NaN) - (b.magnetization ?? NaN))).toBeLessThan(1e-12 * model.size);
      expect(rel(a.absMagnetization, b.absMagnetization ?? NaN)).toBeLessThan(1e-12);
      expect(rel(a.susceptibility, b.susceptibility ?? NaN)).toBeLessThan(1e-11);
      expect(Math.abs(a.freeEnergy - (a.energy - a.temperature * a.entropy))).toBeLessThan(1e-12 * model.size);
    }
  });

  it.each(fixtures.chains.map((c) => [c.spins, c.coupling, c.field, c.temperature, c] as const))('matches the closed form lambda_+^N + lambda_-^N for N = %i, J = %d, h = %d, T = %d', (n, j, h, t, ref) => {
    const r = chainTransferMatrix(chainModel(n, { coupling: j, field: h, boundary: 'periodic' }), { temperature: t });
    expect(rel(r.logZ, ref.logZ)).toBeLessThan(1e-14);
    expect(rel(r.energy, ref.energy)).toBeLessThan(1e-12);
    expect(rel(r.heatCapacity, ref.heatCapacity)).toBeLessThan(1e-11);
    expect(rel(r.magnetization, ref.magnetization)).toBeLessThan(1e-11);
    expect(rel(r.susceptibility, ref.susceptibility)).toBeLessThan(1e-11);
    expect(r.absMagnetization === undefined).toBe(n > 10_000);
  });

  it('splits a model into paths and cycles in walking order', () => {
    const components = chainComponents(scrambledChains(1));
    if (!Array.isArray(components)) throw new Error('expected chains');
    // Paths are found from their lowest-numbered end, then the cycle.
    expect(components.map((c) => [c.sites.length, c.cyclic])).toEqual([[3, false], [2, false], [1, false], [7, true]]);
    expect(Array.from(components[0].sites)).toEqual([4, 8, 5]);
    expect(components[0].bonds[0]).toBe(-0.4);
    const sites = components.flatMap((c) => Array.from(c.sites)).sort((x, y) => x - y);
    expect(sites).toEqual(Array.from({ length: 13 }, (_, i) => i));
  });

  it('refuses a model that is not a chain, saying why', () => {
    expect(() => chainTransferMatrix(squareModel(3, 3), { temperature: 1 })).toThrow(/at most 2 coupled neighbours/);
  });
});
