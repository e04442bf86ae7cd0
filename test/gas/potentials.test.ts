import { describe, expect, it } from 'vitest';
import { GibbsError } from '../../src/core/errors.js';
import { integrate } from '../../src/exact/ideal-gas-quadrature.js';
import { PairPotential } from '../../src/models/particles/pair-potential.js';
import { parsePotentialTable } from '../../src/models/particles/tabulated-potential.js';
import { unitSphereArea } from '../../src/models/particles/tail-correction.js';

const lj = (r: number) => 4 * (r ** -12 - r ** -6);

describe('pair potentials', () => {
  it('Lennard-Jones: value, minimum, truncation and shift', () => {
    const p = PairPotential.lennardJones({ cutoff: 3 });
    expect(p.energy(1)).toBe(0);
    expect(p.energy(2 ** (1 / 6))).toBeCloseTo(-1, 14);
    expect(p.energy(1.3)).toBeCloseTo(lj(1.3), 14);
    expect(p.energy(3)).toBe(0);
    expect(p.energy(3.5)).toBe(0);
    expect(p.discontinuities).toHaveLength(1);
    expect(p.discontinuities[0]).toMatchObject({ r: 3, outer: 0, truncation: true });
    expect(p.discontinuities[0].inner).toBeCloseTo(lj(3), 15);
    const shifted = PairPotential.lennardJones({ cutoff: 2.5, shift: true });
    expect(shifted.energy(2.5 - 1e-9)).toBeCloseTo(0, 8);
    expect(shifted.energy(1.2)).toBeCloseTo(lj(1.2) - lj(2.5), 14);
    expect(shifted.discontinuities).toEqual([]);
    const scaled = PairPotential.lennardJones({ sigma: 2, epsilon: 3, cutoff: 6 });
    expect(scaled.energy(2.4)).toBeCloseTo(3 * lj(1.2), 12);
  });

  it('WCA is the repulsive Lennard-Jones, continuous at 2^(1/6) sigma', () => {
    const p = PairPotential.wca();
    expect(p.cutoff).toBeCloseTo(2 ** (1 / 6), 15);
    expect(p.energy(1)).toBeCloseTo(1, 14);
    expect(p.energy(p.cutoff * (1 - 1e-9))).toBeCloseTo(0, 7);
    expect(p.energy(1.2)).toBe(0);
    expect(p.hasTail).toBe(false);
  });

  it('soft spheres, hard spheres and the square well', () => {
    const soft = PairPotential.softSpheres({ exponent: 9, cutoff: 2 });
    expect(soft.energy(1.5)).toBeCloseTo(1.5 ** -9, 14);
    expect(soft.energy(2.1)).toBe(0);
    const hs = PairPotential.hardSpheres({ sigma: 1.5 });
    expect(hs.energy(1.49)).toBe(Infinity);
    expect(hs.energy(1.5)).toBe(0);
    expect(hs.discontinuities[0]).toMatchObject({ r: 1.5, inner: Infinity, outer: 0 });
    const sw = PairPotential.squareWell({ lambda: 1.6, epsilon: 0.7 });
    expect(sw.energy(0.99)).toBe(Infinity);
    expect(sw.energy(1.2)).toBe(-0.7);
    expect(sw.energy(1.61)).toBe(0);
    expect(sw.discontinuities.map((j) => j.r)).toEqual([1, 1.6]);
  });

  it('virial w(r) = -r du/dr matches a numerical derivative for every smooth kind', () => {
    const table = Array.from({ length: 200 }, (_, k) => 0.8 + (k * 2.2) / 199);
    const potentials = [
      PairPotential.lennardJones({ cutoff: 3 }),
      PairPotential.lennardJones({ cutoff: 3, shift: true }),
      PairPotential.wca(),
      PairPotential.softSpheres({ exponent: 12, cutoff: 2.5 }),
      PairPotential.table({ r: table, u: table.map(lj), source: 'lj.txt' }),
    ];
    for (const p of potentials) {
      for (const r of [0.95, 1.05, 1.1, 1.4, 2.0]) {
        if (r >= p.cutoff) continue;
        const h = 1e-6;
        const derivative = (p.energy(r + h) - p.energy(r - h)) / (2 * h);
        expect(p.virial(r)).toBeCloseTo(-r * derivative, 4);
      }
    }
  });

  it('tail corrections equal the integrals beyond the cutoff (2D and 3D)', () => {
    for (const d of [2, 3]) {
      for (const p of [PairPotential.lennardJones({ cutoff: 2.5 }), PairPotential.softSpheres({ exponent: 10, cutoff: 2 })]) {
        const rho = 0.7;
        const uIntegral = integrate((r) => p.referenceEnergy(r) * r ** (d - 1), p.cutoff, Infinity);
        expect(p.tailEnergyPerParticle(rho, d)).toBeCloseTo(0.5 * rho * unitSphereArea(d) * uIntegral, 10);
        const h = 1e-6;
        const wIntegral = integrate((r) => -r * ((p.referenceEnergy(r + h) - p.referenceEnergy(r - h)) / (2 * h)) * r ** (d - 1), p.cutoff, Infinity);
        expect(p.tailPressure(rho, d)).toBeCloseTo(((rho * rho) / (2 * d)) * unitSphereArea(d) * wIntegral, 6);
      }
    }
    // The textbook 3D Lennard-Jones forms (Frenkel & Smit, eqs. 3.2.5-3.2.6).
    const p = PairPotential.lennardJones({ cutoff: 3 });
    expect(p.tailEnergyPerParticle(0.8, 3)).toBeCloseTo((8 / 3) * Math.PI * 0.8 * (3 ** -9 / 3 - 3 ** -3), 14);
    expect(p.tailPressure(0.8, 3)).toBeCloseTo((16 / 3) * Math.PI * 0.64 * ((2 / 3) * 3 ** -9 - 3 ** -3), 14);
    expect(() => PairPotential.softSpheres({ exponent: 3 }).requireTail(3)).toThrow(/exponent > 3/);
    expect(() => PairPotential.hardSpheres().requireTail(3)).toThrow(/no long-range tail/);
  });

  it('a tabulated potential reproduces the function it samples and parses files', () => {
    const r = Array.from({ length: 400 }, (_, k) => 0.85 + (k * 2.15) / 399);
    const p = PairPotential.table({ r, u: r.map(lj), source: 'lj' });
    for (const x of [0.9, 1.0, 1.12, 1.5, 2.2, 2.9]) expect(p.energy(x)).toBeCloseTo(lj(x), 4);
    expect(p.energy(0.8)).toBe(Infinity);
    expect(p.energy(3.01)).toBe(0);
    // Nonuniform spacing takes the bisection path.
    const q = PairPotential.table({ r: [1, 1.2, 1.5, 2, 3], u: [3, 1, -0.5, -0.2, 0] });
    expect(q.energy(1.5)).toBeCloseTo(-0.5, 12);
    expect(q.discontinuities).toHaveLength(1);
    const parsed = parsePotentialTable('# comment\nr,u\n1.0 2.0\n1.5, -1\n2.0\t-0.5\n2.5 0\n', 'x.csv');
    expect(parsed.r).toEqual([1, 1.5, 2, 2.5]);
    expect(parsed.u).toEqual([2, -1, -0.5, 0]);
  });

  it('rejects bad parameters and tables with clear errors', () => {
    expect(() => PairPotential.lennardJones({ cutoff: -1 })).toThrow(/cutoff: got -1/);
    expect(() => PairPotential.squareWell({ lambda: 0.9 })).toThrow(/lambda/);
    expect(() => PairPotential.fromSpec({ kind: 'morse' } as never)).toThrow(GibbsError);
    expect(() => parsePotentialTable('1 2\n1 3\n2 0\n3 0', 't')).toThrow(/must increase/);
    expect(() => parsePotentialTable('1 2\n2 x\n', 't')).toThrow(/line 2/);
    expect(() => parsePotentialTable('1 2\n2 3\n', 't')).toThrow(/at least 4 points/);
  });
});
