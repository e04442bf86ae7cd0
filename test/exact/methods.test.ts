import { describe, expect, it } from 'vitest';
import { chooseExactMethod, exactMethodsFor, requireExactMethod, solveExact } from '../../src/exact/methods.js';
import { uniformSquareLattice } from '../../src/exact/square-lattice.js';
import { IsingModel } from '../../src/models/ising.js';
import { chainModel, cubicModel, squareModel } from '../../src/models/lattices.js';
import { edwardsAndersonModel, sherringtonKirkpatrickModel } from '../../src/models/disorder.js';
import { rel } from './helpers.js';

const applies = (model: IsingModel) => Object.fromEntries(exactMethodsFor(model).map((m) => [m.method, m.applies]));

describe('exact method choice', () => {
  it('lists which methods apply, with reasons', () => {
    expect(applies(squareModel(4, 4))).toEqual({ enumeration: true, 'transfer-matrix': true, torus: true, onsager: true });
    expect(applies(squareModel(64, 64, { field: 0.1 }))).toEqual({ enumeration: false, 'transfer-matrix': false, torus: false, onsager: false });
    expect(applies(squareModel(10, 100, { boundary: ['open', 'periodic'], field: 0.1 }))).toEqual({ enumeration: false, 'transfer-matrix': true, torus: false, onsager: false });
    expect(applies(chainModel(1000))).toEqual({ enumeration: false, 'transfer-matrix': true, torus: false, onsager: false });
    expect(applies(sherringtonKirkpatrickModel(30, { seed: 1 }))).toEqual({ enumeration: true, 'transfer-matrix': false, torus: false, onsager: false });
    expect(applies(edwardsAndersonModel({ shape: 'square', size: [4, 4] }, { seed: 1 })).torus).toBe(false);
    expect(applies(cubicModel(3, 3, 3))['transfer-matrix']).toBe(false);
    const reasons = exactMethodsFor(squareModel(40, 40, { field: 0.2 }));
    expect(reasons.find((m) => m.method === 'torus')?.reason).toMatch(/field h = 0.2/);
    expect(reasons.find((m) => m.method === 'transfer-matrix')?.reason).toMatch(/wider than 16/);
  });

  it('auto prefers chains, then instant enumeration, Kaufman, strips, enumeration', () => {
    expect(chooseExactMethod(chainModel(10))).toBe('transfer-matrix');
    expect(chooseExactMethod(squareModel(4, 4))).toBe('enumeration');
    expect(chooseExactMethod(squareModel(16, 16))).toBe('torus');
    expect(chooseExactMethod(squareModel(6, 50, { field: 0.1 }))).toBe('transfer-matrix');
    expect(chooseExactMethod(sherringtonKirkpatrickModel(28, { seed: 1 }))).toBe('enumeration');
    expect(() => chooseExactMethod(sherringtonKirkpatrickModel(40, { seed: 1 }))).toThrow(/no exact method applies.*enumeration: 40 spins > 36/);
    expect(() => requireExactMethod(chainModel(50), 'torus')).toThrow(/--method: torus does not apply to this model \(not a square lattice\)/);
  });

  it('every applicable method gives the same answer on a model they share', () => {
    const model = squareModel(4, 4, { coupling: -1 });
    const reference = solveExact(model, 'enumeration', { temperature: 2.1 });
    for (const method of ['transfer-matrix', 'torus'] as const) {
      const t = solveExact(model, method, { temperature: 2.1 });
      expect(rel(t.logZ, reference.logZ)).toBeLessThan(1e-13);
      expect(rel(t.heatCapacity, reference.heatCapacity)).toBeLessThan(1e-11);
    }
    expect(solveExact(model, 'onsager', { temperature: 2.1 }).spins).toBe(1);
  });

  it('recognises uniform square lattices, including merged bonds of side-2 periodic dimensions', () => {
    expect(uniformSquareLattice(squareModel(2, 5, { coupling: -0.5, field: 0.25 }))).toEqual({ size: [2, 5], boundary: ['periodic', 'periodic'], coupling: -0.5, field: 0.25 });
    expect(uniformSquareLattice(squareModel(2, 2))).toMatchObject({ coupling: -1 });
    const tampered = IsingModel.fromCouplings(4, [[0, 1, -1], [1, 2, -1], [2, 3, -1], [3, 0, -1.5]], undefined, { lattice: { shape: 'square', size: [2, 2], boundary: ['open', 'open'] } });
    expect(uniformSquareLattice(tampered)).toEqual({ reason: 'couplings differ between bonds' });
  });
});
