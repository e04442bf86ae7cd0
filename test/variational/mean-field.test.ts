import { describe, expect, it } from 'vitest';
import { log2Cosh } from '../../src/core/numerics.js';
import { enumerate } from '../../src/exact/enumerate.js';
import { IsingModel } from '../../src/models/ising.js';
import { chainModel, squareModel, triangularModel } from '../../src/models/lattices.js';
import { sherringtonKirkpatrickModel } from '../../src/models/disorder.js';
import { meanField, meanFieldFreeEnergy, meanFieldSweep } from '../../src/variational/mean-field.js';

const exactCases: Array<[string, IsingModel, number]> = [
  ['SK N=12 with field', sherringtonKirkpatrickModel(12, { seed: 1, field: 0.3 }), 1],
  ['SK N=12 random fields', IsingModel.fromCouplings(12, [...sherringtonKirkpatrickModel(12, { seed: 2 }).edges()], Array.from({ length: 12 }, (_, i) => Math.sin(i) * 0.5)), 0.7],
  ['SK N=14 low T', sherringtonKirkpatrickModel(14, { seed: 3 }), 0.4],
  ['torus 4x4 below T_c', squareModel(4, 4, { coupling: -1 }), 2],
  ['torus 4x4 above T_c', squareModel(4, 4, { coupling: -1 }), 3.5],
  ['triangular 3x4 antiferromagnet', triangularModel(3, 4, { coupling: 1 }), 1.5],
  ['open chain in a field', chainModel(12, { coupling: -1, field: 0.2, boundary: 'open' }), 1],
  ['ring', chainModel(10, { coupling: -0.5 }), 0.8],
];

describe('naive mean field', () => {
  it.each(exactCases)('F_q >= F_exact (Gibbs–Bogoliubov): %s', (_name, model, temperature) => {
    const exact = enumerate(model, { temperature });
    const mf = meanField(model, { temperature, randomStarts: 3 });
    expect(mf.converged).toBe(true);
    expect(mf.bound).toBe('upper');
    expect(mf.freeEnergy).toBeGreaterThanOrEqual(exact.freeEnergy);
    // Internally consistent: F = U - T S, log Z = -beta F, and <s_n> = -tanh(beta theta_n).
    expect(mf.freeEnergy).toBeCloseTo(mf.energy - temperature * mf.entropy, 10);
    expect(mf.logZ).toBeCloseTo(-mf.freeEnergy / temperature, 10);
    for (let n = 0; n < model.size; n++) expect(mf.magnetization[n]).toBeCloseTo(-Math.tanh(mf.theta[n] / temperature), 8);
  });

  it('is exact when all couplings are zero', () => {
    const fields = [0.3, -1.2, 0, 2.5, 0.01];
    const model = IsingModel.fromCouplings(5, [], fields);
    const mf = meanField(model, { temperature: 0.7 });
    const exact = fields.reduce((f, h) => f - 0.7 * log2Cosh(h / 0.7), 0);
    expect(mf.freeEnergy).toBeCloseTo(exact, 12);
    expect(mf.freeEnergy).toBeCloseTo(enumerate(model, { temperature: 0.7 }).freeEnergy, 12);
    expect(mf.magnetization[3]).toBeCloseTo(-Math.tanh(2.5 / 0.7), 12);
  });

  it('keeps the lowest F_q over its starts and is never above a random product state', () => {
    const model = sherringtonKirkpatrickModel(16, { seed: 5 });
    const mf = meanField(model, { beta: 2, randomStarts: 5 });
    for (const m of [new Float64Array(16).fill(0.3), Float64Array.from({ length: 16 }, (_, i) => Math.cos(i))]) {
      expect(mf.freeEnergy).toBeLessThanOrEqual(meanFieldFreeEnergy(model, m, 0.5).freeEnergy);
    }
  });

  it('has its transition at T_c^MF = z|J| on lattices', () => {
    // Uniform solution of m = tanh(z |J| m / T), solved by bisection independently of the library.
    const uniform = (zj: number, t: number) => {
      let lo = 1e-12;
      let hi = 1;
      for (let i = 0; i < 200; i++) {
        const mid = (lo + hi) / 2;
        if (Math.tanh((zj * mid) / t) > mid) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    };
    for (const [model, z] of [[squareModel(8, 8, { coupling: -1 }), 4], [triangularModel(6, 6, { coupling: -0.5 }), 3]] as const) {
      for (const ratio of [0.5, 0.9, 0.98]) {
        const r = meanField(model, { temperature: ratio * z });
        const m = Math.abs(r.magnetization.reduce((a, b) => a + b, 0) / model.size);
        expect(m).toBeCloseTo(uniform(z, ratio * z), 6);
      }
      for (const ratio of [1.02, 1.5]) {
        const r = meanField(model, { temperature: ratio * z });
        for (const m of r.magnetization) expect(Math.abs(m)).toBeLessThan(1e-6);
      }
    }
  });

  it('sweeps continue from the previous solution and agree with fresh solves', () => {
    const model = squareModel(6, 6, { coupling: -1 });
    const temperatures = [5, 4.5, 3.5, 3, 2];
    const sweep = meanFieldSweep(model, temperatures.map((temperature) => ({ temperature })));
    sweep.forEach((r, i) => {
      expect(r.freeEnergy).toBeCloseTo(meanField(model, { temperature: temperatures[i] }).freeEnergy, 9);
      expect(r.converged).toBe(true);
    });
    // Below T_c the previous (magnetised) solution is already the best start.
    expect(sweep[4].start).toBe('initial');
  });

  it('reports non-convergence instead of pretending', () => {
    const r = meanField(squareModel(8, 8, { coupling: -1 }), { temperature: 3.9, maxIterations: 2, randomStarts: 0 });
    expect(r.converged).toBe(false);
    expect(Number.isFinite(r.freeEnergy)).toBe(true);
  });

  it('rejects bad options with a named field', () => {
    const model = chainModel(4);
    expect(() => meanField(model, { temperature: -1 })).toThrow(/temperature: got -1/);
    expect(() => meanField(model, { temperature: 1, damping: 1 })).toThrow(/damping: got 1/);
    expect(() => meanField(model, { temperature: 1, initial: [0, 0] })).toThrow(/initial/);
    expect(() => meanField(model, { temperature: 1, initial: [0, 0, 2, 0] })).toThrow(/initial\[2\]: got 2/);
    expect(() => meanField(model, { temperature: 1, randomStarts: -1 })).toThrow(/randomStarts/);
  });
});
