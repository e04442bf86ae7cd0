import { describe, expect, it } from 'vitest';
import { IsingModel } from '../../src/models/ising.js';
import { chainModel, completeGraphModel, cubicModel, latticeModel, squareModel, triangularModel } from '../../src/models/lattices.js';
import { edwardsAndersonModel, sherringtonKirkpatrickModel } from '../../src/models/disorder.js';
import { Rng } from '../../src/core/rng.js';

function randomSpins(n: number, rng: Rng): Int8Array {
  return Int8Array.from({ length: n }, () => (rng.nextInt32() < 0 ? -1 : 1));
}

describe('IsingModel', () => {
  it('uses the seed convention E = sum h s + sum_{n<m} J s s', () => {
    const model = IsingModel.fromCouplings(3, [[0, 1, -1], [1, 2, 0.5]], [0.1, 0, -0.2]);
    const s = Int8Array.of(1, -1, -1);
    // 0.1*1 + 0 + (-0.2)(-1) + (-1)(1)(-1) + 0.5(-1)(-1) = 0.1 + 0.2 + 1 + 0.5
    expect(model.energy(s)).toBeCloseTo(1.8, 14);
    // A ferromagnet (J < 0) prefers aligned spins; a positive field prefers s = -1.
    const ferro = IsingModel.fromCouplings(2, [[0, 1, -1]], [0.5, 0.5]);
    expect(ferro.energy(Int8Array.of(-1, -1))).toBeLessThan(ferro.energy(Int8Array.of(1, 1)));
    expect(ferro.energy(Int8Array.of(1, 1))).toBeLessThan(ferro.energy(Int8Array.of(1, -1)));
  });

  it('deltaEnergy equals the energy difference of a flip, for random models', () => {
    const rng = Rng.fromSeed(1);
    const model = sherringtonKirkpatrickModel(12, { seed: 4, field: 0.3 });
    const s = randomSpins(12, rng);
    for (let n = 0; n < 12; n++) {
      const before = model.energy(s);
      const delta = model.deltaEnergy(s, n);
      s[n] = -s[n];
      expect(model.energy(s) - before).toBeCloseTo(delta, 12);
    }
    expect(IsingModel.fromCouplings(3, []).magnetization(Int8Array.of(1, 1, -1))).toBe(1);
  });

  it('builds lattices with the right numbers of bonds and coordination', () => {
    expect(chainModel(10).edgeCount).toBe(9);
    expect(chainModel(10, { boundary: 'periodic' }).edgeCount).toBe(10);
    expect(squareModel(4, 5).edgeCount).toBe(40);
    expect(squareModel(4, 5, { boundary: 'open' }).edgeCount).toBe(3 * 5 + 4 * 4);
    expect(triangularModel(4, 4).maxDegree()).toBe(6);
    expect(cubicModel(3, 3, 3).edgeCount).toBe(81);
    expect(completeGraphModel(6).edgeCount).toBe(15);
    // Periodic dimension of size 2: the two wrap bonds merge into one bond of 2J.
    const ladder = squareModel(2, 3, { coupling: -1 });
    expect(ladder.edgeCount).toBe(3 + 6);
    expect(Math.min(...ladder.couplings)).toBe(-2);
    expect(squareModel(3, 3).uniformCoupling()).toBe(-1);
    expect(squareModel(3, 3).lattice?.size).toEqual([3, 3]);
  });

  it('seeded disorder is reproducible and has the right statistics', () => {
    const a = sherringtonKirkpatrickModel(40, { seed: 9 });
    const b = sherringtonKirkpatrickModel(40, { seed: 9 });
    expect(Array.from(a.couplings)).toEqual(Array.from(b.couplings));
    const js = [...a.edges()].map(([, , j]) => j);
    const meanSquare = js.reduce((s, j) => s + j * j, 0) / js.length;
    // J ~ N(0, 1/N): N * mean(J^2) ≈ 1 with relative sd sqrt(2/780) ≈ 0.05.
    expect(Math.abs(40 * meanSquare - 1)).toBeLessThan(0.2);
    const ea = edwardsAndersonModel({ shape: 'square', size: [8, 8] }, { seed: 2 });
    const signs = [...ea.edges()].map(([, , j]) => Math.sign(j));
    expect(new Set(signs.map(Math.abs))).toEqual(new Set([1]));
    expect(Math.abs(signs.reduce((s, x) => s + x, 0))).toBeLessThan(40);
  });

  it('rejects bad couplings and lattices with clear messages', () => {
    expect(() => IsingModel.fromCouplings(3, [[1, 1, 1]])).toThrow(/self-coupling/);
    expect(() => IsingModel.fromCouplings(3, [[0, 3, 1]])).toThrow(/out of range/);
    expect(() => IsingModel.fromCouplings(3, [], [1, 2])).toThrow(/fields: got 2 values, expected 3/);
    expect(() => latticeModel({ shape: 'square', size: [4] })).toThrow(/lattice.size/);
    expect(() => latticeModel({ shape: 'chain', size: [1], boundary: 'periodic' })).toThrow(/periodic/);
  });
});
