import { describe, expect, it } from 'vitest';
import { enumerate, enumerateChunk, enumerationResult, mergeEnumerationSums } from '../../src/exact/enumerate.js';
import { IsingModel } from '../../src/models/ising.js';
import { chainModel, squareModel } from '../../src/models/lattices.js';
import { sherringtonKirkpatrickModel } from '../../src/models/disorder.js';
import { Rng } from '../../src/core/rng.js';
import { bruteForce } from '../helpers/brute-force.js';

function randomModel(n: number, seed: number): IsingModel {
  const rng = Rng.fromSeed(seed);
  const couplings: [number, number, number][] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (rng.nextDouble() < 0.5) couplings.push([a, b, rng.normal()]);
  return IsingModel.fromCouplings(n, couplings, Float64Array.from({ length: n }, () => 0.5 * rng.normal()));
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

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
    expect(rel(t.absMagnetization ?? NaN, ref.absMagnetization)).toBeLessThan(1e-10);
    expect(rel(t.susceptibility ?? NaN, ref.susceptibility)).toBeLessThan(1e-8);
    for (let i = 0; i < model.size; i++) expect(Math.abs((t.spinMeans?.[i] ?? NaN) - ref.spinMeans[i])).toBeLessThan(1e-10);
    for (let k = 0; k < model.size ** 2; k++) expect(Math.abs((t.correlations?.[k] ?? NaN) - ref.correlations[k])).toBeLessThan(1e-10);
    // Thermodynamic identity F = U - T S.
    expect(Math.abs(t.freeEnergy - (t.energy - t.temperature * t.entropy))).toBeLessThan(1e-10 * model.size);
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

  it('free spins: log Z = N log 2 at any temperature, in zero field', () => {
    const model = IsingModel.fromCouplings(8, []);
    expect(enumerate(model, { temperature: 3 }).logZ).toBeCloseTo(8 * Math.LN2, 13);
  });

  it('does not overflow at very low temperature', () => {
    const t = enumerate(squareModel(4, 4), { temperature: 0.01 });
    expect(Number.isFinite(t.logZ)).toBe(true);
    expect(t.energy / 16).toBeCloseTo(-2, 10);
  });

  it('refuses models beyond the documented limit, naming alternatives', () => {
    expect(() => enumerate(squareModel(7, 7), { temperature: 2 })).toThrow(/beyond the limit of 36.*transfer-matrix/);
  });
});
