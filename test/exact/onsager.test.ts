import { describe, expect, it } from 'vitest';
import { completeEllipticIntegrals } from '../../src/exact/elliptic.js';
import { kaufmanLogZ } from '../../src/exact/kaufman.js';
import { onsager, onsagerCriticalTemperature } from '../../src/exact/onsager.js';
import { tanhSinh } from '../../src/exact/quadrature.js';
import { fixtures, rel } from './helpers.js';

const CATALAN = 0.915965594177219;
const TC = 2 / Math.log(1 + Math.SQRT2);

describe('Onsager', () => {
  it('has the known values at T_c: -beta f = ln(2)/2 + 2G/pi, u = -sqrt 2, m_0 = 0, c ~ -(8 K_c^2/pi) ln|1 - T/T_c|', () => {
    const t = onsager(-1, { temperature: TC });
    expect(rel(t.logZ, Math.LN2 / 2 + (2 * CATALAN) / Math.PI)).toBeLessThan(1e-15);
    expect(rel(t.energy, -Math.SQRT2)).toBeLessThan(1e-14);
    expect(t.absMagnetization).toBe(0);
    // Logarithmic divergence with Onsager's amplitude (2/pi)(2 K_c)^2, on both sides of T_c.
    const kc = Math.log(1 + Math.SQRT2) / 2;
    for (const side of [-1, 1]) {
      const c = (eps: number) => onsager(-1, { temperature: TC * (1 + side * eps) }).heatCapacity;
      expect(rel(c(1e-7) - c(1e-4), ((8 * kc * kc) / Math.PI) * Math.log(1000))).toBeLessThan(1e-3);
    }
    expect(onsagerCriticalTemperature(-1)).toBeCloseTo(2.269185314213022, 14);
    expect(onsagerCriticalTemperature(0.5)).toBeCloseTo(2.269185314213022 / 2, 14);
  });

  it.each(fixtures.onsager.map((o) => [o.temperature, o] as const))('free energy at T = %d matches the 2D integral by mpmath', (t, ref) => {
    expect(rel(onsager(-1, { temperature: t }).logZ, ref.logZ)).toBeLessThan(1e-14);
  });

  it("u = -d log Z/d beta, c = du/dT, Yang's magnetisation, and Kaufman at L = 1024", () => {
    for (const t of [1.2, 2.0, 2.2, 2.4, 3.5]) {
      const h = 1e-4;
      const at = (x: number) => onsager(-1, { temperature: x });
      const o = at(t);
      const du = (-at(t + 2 * h).energy + 8 * at(t + h).energy - 8 * at(t - h).energy + at(t - 2 * h).energy) / (12 * h);
      const dlogz = (-at(1 / (1 / t + 2 * h)).logZ + 8 * at(1 / (1 / t + h)).logZ - 8 * at(1 / (1 / t - h)).logZ + at(1 / (1 / t - 2 * h)).logZ) / (12 * h);
      expect(rel(du, o.heatCapacity)).toBeLessThan(1e-8);
      expect(rel(-dlogz, o.energy)).toBeLessThan(1e-9);
      const m0 = t < TC ? (1 - Math.sinh(2 / t) ** -4) ** 0.125 : 0;
      expect(Math.abs((o.absMagnetization ?? NaN) - m0)).toBeLessThan(1e-15);
      if (Math.abs(t - TC) > 0.1) {
        const k = kaufmanLogZ(1024, 1024, 1 / t);
        expect(rel(-k.d1 / 1024 ** 2, o.energy)).toBeLessThan(1e-13);
        expect(rel(k.d2 / t / t / 1024 ** 2, o.heatCapacity)).toBeLessThan(1e-12);
      }
    }
  });

  it('scales with |J| and treats the antiferromagnet by its staggered order', () => {
    const ferro = onsager(-2, { temperature: 3 });
    const unit = onsager(-1, { temperature: 1.5 });
    expect(rel(ferro.energy, 2 * unit.energy)).toBeLessThan(1e-14);
    expect(rel(ferro.logZ, unit.logZ)).toBeLessThan(1e-14);
    const anti = onsager(1, { temperature: 1.5 });
    expect(anti.logZ).toBe(unit.logZ);
    expect(anti.absMagnetization).toBe(0);
    expect(anti.spontaneousMagnetization).toBe(unit.spontaneousMagnetization);
    expect(onsager(0, { temperature: 1 }).logZ).toBe(Math.LN2);
  });
});

describe('special functions', () => {
  it('complete elliptic integrals match known values', () => {
    const { K, E } = completeEllipticIntegrals(Math.SQRT1_2, Math.SQRT1_2);
    expect(rel(K, 1.8540746773013719)).toBeLessThan(1e-15);
    expect(rel(E, 1.3506438810476755)).toBeLessThan(1e-15);
    expect(completeEllipticIntegrals(0, 1).K).toBeCloseTo(Math.PI / 2, 15);
    // Near k = 1: K ~ ln(4/k') + O(k'^2 ln k').
    const near = completeEllipticIntegrals(Math.sqrt(1 - 1e-24), 1e-12);
    expect(rel(near.K, Math.log(4e12))).toBeLessThan(1e-15);
    expect(rel(near.E, 1)).toBeLessThan(1e-15);
  });

  it('tanh-sinh integrates endpoint singularities to full precision', () => {
    expect(rel(tanhSinh((x) => Math.sqrt(x), 0, 1), 2 / 3)).toBeLessThan(1e-15);
    expect(rel(tanhSinh((_x, fromA) => Math.log(fromA), 0, 1), -1)).toBeLessThan(1e-14);
    expect(rel(tanhSinh((x) => Math.exp(x), -1, 2), Math.exp(2) - Math.exp(-1))).toBeLessThan(1e-15);
  });
});
