import { describe, expect, it } from 'vitest';
import { chunkLayout, enumerate, enumerateChunk, enumerateChunkPlain, finishEnumeration } from '../../src/exact/enumerate.js';
import { enumerateChunkFactorized, factorizedPlan } from '../../src/exact/enumerate-factorized.js';
import { enumerationResult, mergeEnumerationSums } from '../../src/exact/enumeration-sums.js';
import { IsingModel } from '../../src/models/ising.js';
import { chainModel, squareModel } from '../../src/models/lattices.js';
import { sherringtonKirkpatrickModel } from '../../src/models/disorder.js';
import { Rng } from '../../src/core/rng.js';
import { bruteForce } from '../helpers/brute-force.js';
import { fixtureModel, fixtures, rel } from './helpers.js';

function randomModel(n: number, seed: number): IsingModel {
  const rng = Rng.fromSeed(seed);
  const couplings: [number, number, number][] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (rng.nextDouble() < 0.5) couplings.push([a, b, rng.normal()]);
  return IsingModel.fromCouplings(n, couplings, Float64Array.from({ length: n }, () => 0.5 * rng.normal()));
}

describe('enumeration', () => {
  it.each([
    ['random graph with fields', randomModel(10, 1), 0.7],
    ['random graph, low temperature', randomModel(11, 2), 5],
    ['4x4 torus at T_c', squareModel(4, 4), 1 / 2.269185314213022],
    ['SK N=12 with field', sherringtonKirkpatrickModel(12, { seed: 3, field: 0.2 }), 2],
    ['open chain', chainModel(9, { field: 0.3 }), 0.4],
  ])('matches brute force on %s', (_name, model, beta) => {
    const t = enumerate(model, { beta, correlations: true });
    const ref = bruteForce(model, beta);
    expect(rel(t.logZ, ref.logZ)).toBeLessThan(1e-12);
    expect(Math.abs(t.energy - ref.energy)).toBeLessThan(1e-10 * model.size);
    expect(rel(t.heatCapacity, ref.heatCapacity)).toBeLessThan(1e-8);
    expect(Math.abs((t.magnetization ?? NaN) - ref.magnetization)).toBeLessThan(1e-10);
    expect(rel(t.absMagnetization, ref.absMagnetization)).toBeLessThan(1e-10);
    expect(rel(t.susceptibility, ref.susceptibility)).toBeLessThan(1e-8);
    for (let i = 0; i < model.size; i++) expect(Math.abs((t.spinMeans?.[i] ?? NaN) - ref.spinMeans[i])).toBeLessThan(1e-10);
    for (let k = 0; k < model.size ** 2; k++) expect(Math.abs((t.correlations?.[k] ?? NaN) - ref.correlations[k])).toBeLessThan(1e-10);
    // Thermodynamic identity F = U - T S.
    expect(Math.abs(t.freeEnergy - (t.energy - t.temperature * t.entropy))).toBeLessThan(1e-10 * model.size);
  });

  it.each(fixtures.models.map((f) => [f.name, f] as const))('agrees with the 40-digit reference for %s to 1e-10', (_name, f) => {
    const model = fixtureModel(f);
    for (const r of f.results) {
      const t = enumerate(model, { temperature: r.temperature, correlations: false });
      expect(rel(t.logZ, r.logZ)).toBeLessThan(1e-13);
      expect(rel(t.energy, r.energy)).toBeLessThan(1e-12);
      expect(rel(t.heatCapacity, r.heatCapacity)).toBeLessThan(1e-10);
      expect(Math.abs((t.magnetization ?? NaN) - r.magnetization)).toBeLessThan(1e-10 * model.size);
      expect(rel(t.absMagnetization, r.absMagnetization)).toBeLessThan(1e-12);
      expect(rel(t.susceptibility, r.susceptibility)).toBeLessThan(1e-10);
    }
  });

  it('factorised and plain kernels agree (with fields, spin means, and across chunks)', () => {
    const model = sherringtonKirkpatrickModel(18, { seed: 9, field: 0.15 });
    for (const beta of [0.4, 2.5]) {
      const plan = factorizedPlan(model, 12);
      const fast = [0, 1].map((p) => enumerateChunkFactorized(model, plan, beta, p, 1, true)).reduce(mergeEnumerationSums);
      const slow = enumerateChunkPlain(model, beta, 0, 0, { spinMeans: true, correlations: false });
      const a = enumerationResult(fast, 1 / beta);
      const b = enumerationResult(slow, 1 / beta);
      expect(rel(a.logZ, b.logZ)).toBeLessThan(1e-13);
      expect(rel(a.energy, b.energy)).toBeLessThan(1e-12);
      expect(rel(a.heatCapacity, b.heatCapacity)).toBeLessThan(1e-10);
      expect(rel(a.susceptibility, b.susceptibility)).toBeLessThan(1e-10);
      expect(rel(a.absMagnetization, b.absMagnetization)).toBeLessThan(1e-12);
      for (let i = 0; i < 18; i++) expect(Math.abs((a.spinMeans?.[i] ?? NaN) - (b.spinMeans?.[i] ?? NaN))).toBeLessThan(1e-11);
    }
  });

  it('zero field: the spin-flip half gives the full result', () => {
    const model = sherringtonKirkpatrickModel(17, { seed: 4 });
    const layout = chunkLayout(model, 2);
    expect(layout.spinFlip).toBe(true);
    const half = finishEnumeration(layout.prefixes.map((p) => enumerateChunk(model, 0.9, p, layout.prefixBits, { spinMeans: true, correlations: false })), layout, 1 / 0.9);
    const full = enumerationResult(enumerateChunkPlain(model, 0.9, 0, 0, { spinMeans: true, correlations: false }), 1 / 0.9);
    expect(rel(half.logZ, full.logZ)).toBeLessThan(1e-13);
    expect(rel(half.heatCapacity, full.heatCapacity)).toBeLessThan(1e-10);
    expect(rel(half.susceptibility, full.susceptibility)).toBeLessThan(1e-10);
    expect(rel(half.absMagnetization, full.absMagnetization)).toBeLessThan(1e-12);
    expect(Math.abs(full.magnetization ?? NaN)).toBeLessThan(1e-12);
    expect(half.magnetization).toBe(0);
  });

  it('chunks over prefixes merge to the single-pass result', () => {
    const model = randomModel(12, 5);
    const whole = enumerate(model, { beta: 1.3, correlations: true });
    const parts = [0, 1, 2, 3, 4, 5, 6, 7].map((prefix) => enumerateChunk(model, 1.3, prefix, 3, { spinMeans: true, correlations: true }));
    const merged = enumerationResult(parts.reduce(mergeEnumerationSums), 1 / 1.3);
    expect(rel(merged.logZ, whole.logZ)).toBeLessThan(1e-13);
    expect(rel(merged.heatCapacity, whole.heatCapacity)).toBeLessThan(1e-10);
    expect(Math.abs((merged.correlations?.[5] ?? NaN) - (whole.correlations?.[5] ?? NaN))).toBeLessThan(1e-12);
  });

  it('C = beta^2 Var(E) equals the numerical derivative dU/dT', () => {
    const model = sherringtonKirkpatrickModel(16, { seed: 11, field: 0.05 });
    const t = 1.3;
    const h = 1e-4;
    const at = (temperature: number) => enumerate(model, { temperature, correlations: false });
    // Fourth-order central difference: error O(h^4 U''''') ~ 1e-15, rounding ~ 1e-12 / h.
    const du = (-at(t + 2 * h).energy + 8 * at(t + h).energy - 8 * at(t - h).energy + at(t - 2 * h).energy) / (12 * h);
    expect(rel(du, at(t).heatCapacity)).toBeLessThan(1e-7);
  });

  it('free spins: log Z = N log 2 at any temperature, in zero field', () => {
    expect(enumerate(IsingModel.fromCouplings(8, []), { temperature: 3 }).logZ).toBeCloseTo(8 * Math.LN2, 13);
    expect(enumerate(IsingModel.fromCouplings(20, []), { temperature: 3, correlations: false }).logZ).toBeCloseTo(20 * Math.LN2, 12);
  });

  it('does not overflow at very low temperature (falls back to the plain kernel)', () => {
    const t = enumerate(squareModel(4, 4), { temperature: 0.01 });
    expect(Number.isFinite(t.logZ)).toBe(true);
    expect(t.energy / 16).toBeCloseTo(-2, 10);
    const big = enumerate(squareModel(4, 5, { field: 0.1 }), { temperature: 0.005, correlations: false });
    expect(big.energy / 20).toBeCloseTo(-2 - 0.1, 10);
  });

  it('refuses models beyond the documented limit, naming alternatives', () => {
    expect(() => enumerate(squareModel(7, 7), { temperature: 2 })).toThrow(/beyond the limit of 36.*transfer-matrix/);
  });
});
