import { describe, expect, it } from 'vitest';
import { enumerate } from '../../src/exact/enumerate.js';
import { kaufmanLogZ } from '../../src/exact/kaufman.js';
import { onsager } from '../../src/exact/onsager.js';
import { kaufmanTorus, kaufmanTorusOf } from '../../src/exact/torus.js';
import { squareModel } from '../../src/models/lattices.js';
import { fixtures, rel } from './helpers.js';

const TC = 2 / Math.log(1 + Math.SQRT2);

describe("Kaufman's torus", () => {
  it.each([
    [2, 2], [2, 7], [3, 3], [4, 4], [4, 5], [5, 3],
  ])('%ix%i agrees with enumeration below, at and above T_c to 1e-12', (n, m) => {
    const model = squareModel(n, m, { coupling: -1 });
    for (const t of [1, TC, 2.5, 6]) {
      const a = kaufmanTorus(model, { temperature: t });
      const b = enumerate(model, { temperature: t, correlations: false });
      expect(rel(a.logZ, b.logZ)).toBeLessThan(1e-13);
      expect(rel(a.energy, b.energy)).toBeLessThan(1e-12);
      expect(rel(a.heatCapacity, b.heatCapacity)).toBeLessThan(1e-11);
      expect(a.magnetization).toBe(0);
      expect(a.absMagnetization).toBeUndefined();
      expect(a.susceptibility).toBeUndefined();
    }
  });

  it.each(fixtures.kaufman.map((k) => [k.n, k.m, k.temperature, k] as const))('%ix%i at T = %d matches the 60-digit evaluation (no cancellation, no overflow)', (n, m, t, ref) => {
    const k = kaufmanLogZ(n, m, 1 / t);
    expect(rel(k.logZ, ref.logZ)).toBeLessThan(1e-14);
    expect(rel(-k.d1, ref.energy)).toBeLessThan(1e-13);
    expect(rel(k.d2 / (t * t), ref.heatCapacity)).toBeLessThan(1e-12);
  });

  it('maps an antiferromagnet on even sides to the ferromagnet, and refuses odd sides', () => {
    const af = squareModel(4, 4, { coupling: 1 });
    const a = kaufmanTorus(af, { temperature: 1.7 });
    const b = enumerate(af, { temperature: 1.7, correlations: false });
    expect(rel(a.logZ, b.logZ)).toBeLessThan(1e-13);
    expect(rel(a.energy, b.energy)).toBeLessThan(1e-12);
    expect(rel(a.heatCapacity, b.heatCapacity)).toBeLessThan(1e-11);
    expect(kaufmanTorusOf(squareModel(3, 4, { coupling: 1 }))).toEqual({ reason: expect.stringMatching(/frustrated/) });
    expect(kaufmanTorusOf(squareModel(4, 4, { field: 0.1 }))).toEqual({ reason: expect.stringMatching(/field/) });
    expect(kaufmanTorusOf(squareModel(4, 4, { boundary: 'open' }))).toEqual({ reason: 'not periodic both ways' });
    expect(() => kaufmanTorus(squareModel(3, 3, { coupling: 1 }), { temperature: 1 })).toThrow(/frustrated/);
  });

  it("approaches Onsager's free energy as the torus grows", () => {
    // Above T_c finite-size corrections vanish exponentially; below T_c the two ordered states add ln 2 / N.
    for (const l of [16, 64, 256]) {
      const above = kaufmanLogZ(l, l, 1 / 3).logZ / (l * l) - onsager(-1, { temperature: 3 }).logZ;
      const below = kaufmanLogZ(l, l, 1 / 1.5).logZ / (l * l) - onsager(-1, { temperature: 1.5 }).logZ;
      // Correlation length ~2.3 at T = 3: the gap is ~1e-5 at L = 16 and below rounding from L = 64.
      expect(Math.abs(above)).toBeLessThan(l >= 64 ? 1e-14 : 1e-4);
      expect(Math.abs(below - Math.LN2 / (l * l))).toBeLessThan(l >= 64 ? 1e-14 : 1e-12);
    }
    // At T_c the approach is a power law: the error shrinks about 4x per doubling (1/L^2).
    const gap = (l: number) => Math.abs(kaufmanLogZ(l, l, 1 / TC).logZ / (l * l) - onsager(-1, { temperature: TC }).logZ);
    const ratio = gap(64) / gap(128);
    expect(ratio).toBeGreaterThan(3.5);
    expect(ratio).toBeLessThan(4.5);
  });

  it('is smooth through T_c (the signed gamma_0 changes sign there)', () => {
    const c = (t: number) => kaufmanLogZ(32, 32, 1 / t).d2 / (t * t);
    const values = [TC * (1 - 1e-9), TC, TC * (1 + 1e-9)].map(c);
    expect(rel(values[0], values[1])).toBeLessThan(1e-7);
    expect(rel(values[2], values[1])).toBeLessThan(1e-7);
  });
});
