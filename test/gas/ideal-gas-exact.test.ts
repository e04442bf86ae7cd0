import { describe, expect, it } from 'vitest';
import { idealGas } from '../../src/exact/ideal-gas.js';
import { integrate, integrateBox } from '../../src/exact/ideal-gas-quadrature.js';
import { secondVirialCoefficient } from '../../src/exact/ideal-gas-virial.js';
import { ParticleBox } from '../../src/models/particles/box.js';
import { ExternalPotential } from '../../src/models/particles/external-potential.js';
import { GasModel } from '../../src/models/particles/gas-model.js';
import { PairPotential } from '../../src/models/particles/pair-potential.js';

describe('quadrature', () => {
  it('adaptive Gauss–Kronrod integrates smooth, peaked and infinite-range integrands', () => {
    expect(integrate((x) => Math.exp(-x * x), -Infinity, Infinity)).toBeCloseTo(Math.sqrt(Math.PI), 13);
    expect(integrate((x) => 1 / (1 + x * x), 0, Infinity)).toBeCloseTo(Math.PI / 2, 12);
    expect(integrate((x) => Math.exp(-1000 * (x - 0.3) ** 2), 0, 1)).toBeCloseTo(Math.sqrt(Math.PI / 1000), 13);
    expect(integrate(Math.sin, Math.PI, 0)).toBeCloseTo(-2, 14);
    const moments = integrateBox((x, out) => {
      out[0] = x[0] * x[1] * Math.exp(-x[2] * x[2]);
      out[1] = Math.exp(-x[0] * x[0] - (x[2] - 3) ** 2);
    }, 2, [{ lo: 0, hi: 1 }, { lo: 0, hi: 2 }, { lo: -Infinity, hi: Infinity, centre: 0, scale: 1 }]);
    expect(moments[0]).toBeCloseTo(Math.sqrt(Math.PI), 8);
    expect(moments[1]).toBeCloseTo(0.746824132812427 * 2 * Math.sqrt(Math.PI), 8);
  });
});

describe('exact ideal gas', () => {
  const T = 1.7;

  it('free gas in a periodic box: Z1 = V, U = 0, P = N T / V', () => {
    const model = new GasModel({ particles: 10, box: ParticleBox.cubic(3, 2) });
    const r = idealGas(model, { temperature: T, profileBins: 4 });
    expect(r.singleParticleLogZ).toBeCloseTo(Math.log(8), 14);
    expect(r.freeEnergy).toBeCloseTo(-T * 10 * Math.log(8), 12);
    expect(r.energy).toBe(0);
    expect(r.pressure).toBeCloseTo((10 * T) / 8, 14);
    expect(Array.from(r.profile.probability)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(r.entropy).toBeCloseTo(10 * Math.log(8), 12);
  });

  it('harmonic trap in open space: closed forms, equipartition, Gaussian profile', () => {
    const k = 2.5;
    const model = new GasModel({ particles: 7, box: ParticleBox.cubic(3, 10, 'open'), external: ExternalPotential.harmonic({ stiffness: k }) });
    const r = idealGas(model, { temperature: T, profileBins: 20 });
    expect(r.method).toBe('closed-form');
    expect(r.singleParticleLogZ).toBeCloseTo(1.5 * Math.log((2 * Math.PI * T) / k), 13);
    expect(r.energy).toBeCloseTo(1.5 * 7 * T, 12);
    expect(r.heatCapacity).toBeCloseTo(1.5 * 7, 12);
    expect(r.pressure).toBeNull();
    // Bin [5, 5.5) of a Gaussian centred at 5 with variance T/k: (1/2) erf(0.5 / sqrt(2 T / k)).
    const p = r.profile.probability;
    expect(p[10]).toBeCloseTo(0.5 * 0.4557103755705979, 12); // math.erf in Python
    // The same trap in 2D as a custom function goes through nested quadrature: the same numbers.
    const closed2 = idealGas(new GasModel({ particles: 7, box: ParticleBox.cubic(2, 10, 'open'), external: ExternalPotential.harmonic({ stiffness: k }) }), { temperature: T, profileBins: 20 });
    const custom = new GasModel({ particles: 7, box: ParticleBox.cubic(2, 10, 'open'), external: ExternalPotential.custom((x) => 0.5 * k * ((x[0] - 5) ** 2 + (x[1] - 5) ** 2)) });
    const q = idealGas(custom, { temperature: T, profileBins: 20 });
    expect(q.method).toBe('quadrature');
    expect(q.singleParticleLogZ).toBeCloseTo(closed2.singleParticleLogZ, 9);
    expect(q.energy).toBeCloseTo(closed2.energy, 9);
    expect(q.heatCapacity).toBeCloseTo(closed2.heatCapacity, 8);
    for (let b = 0; b < 20; b++) expect(q.profile.probability[b]).toBeCloseTo(closed2.profile.probability[b], 9);
  });

  it('barometric column: closed forms agree with quadrature and the wall pressures balance the weight', () => {
    const g = 0.8;
    const box = new ParticleBox(3, [2, 3, 5], ['periodic', 'periodic', 'wall']);
    const model = new GasModel({ particles: 50, box, external: ExternalPotential.gravity({ strength: g }) });
    const r = idealGas(model, { temperature: T, profileBins: 10 });
    const a = g / T;
    const z = (1 - Math.exp(-a * 5)) / a;
    expect(r.singleParticleLogZ).toBeCloseTo(Math.log(6 * z), 13);
    const custom = new GasModel({ particles: 50, box, external: ExternalPotential.custom((x) => g * x[2]) });
    const q = idealGas(custom, { temperature: T, profileBins: 10, profileAxis: 2 });
    expect(q.energy).toBeCloseTo(r.energy, 7);
    expect(q.heatCapacity).toBeCloseTo(r.heatCapacity, 6);
    for (let b = 0; b < 10; b++) expect(q.profile.probability[b]).toBeCloseTo(r.profile.probability[b], 9);
    // Force balance: (P_bottom - P_top) * area = N m g.
    const wall = r.wallPressures.find((w) => w.axis === 2);
    expect(wall).toBeDefined();
    expect((wall!.lower - wall!.upper) * 6).toBeCloseTo(50 * g, 10);
    expect(q.wallPressures.find((w) => w.axis === 2)!.lower).toBeCloseTo(wall!.lower, 6);
    // F = U - T S.
    expect(r.freeEnergy).toBeCloseTo(r.energy - T * r.entropy, 10);
  });

  it('needs the ideal gas and a confined system', () => {
    const lj = new GasModel({ particles: 10, box: ParticleBox.cubic(3, 8), pair: PairPotential.lennardJones() });
    expect(() => idealGas(lj, { temperature: 1 })).toThrow(/--ideal/);
    expect(() => new GasModel({ particles: 10, box: ParticleBox.cubic(3, 8, 'open') })).toThrow(/nothing confines/);
    expect(() => new GasModel({ particles: 10, box: ParticleBox.cubic(3, 8), external: ExternalPotential.gravity() })).toThrow(/wall along the gravity axis/);
  });
});

describe('second virial coefficient by quadrature', () => {
  it('hard spheres and disks: B2 = 2 pi sigma^3 / 3 and pi sigma^2 / 2', () => {
    expect(secondVirialCoefficient(PairPotential.hardSpheres(), 1, 3)).toBeCloseTo((2 * Math.PI) / 3, 13);
    expect(secondVirialCoefficient(PairPotential.hardSpheres({ sigma: 2 }), 1, 2)).toBeCloseTo(2 * Math.PI, 13);
  });

  it('square well: B2 = (2 pi / 3) sigma^3 [1 - (lambda^3 - 1)(e^(eps/T) - 1)] (McQuarrie eq. 12-40)', () => {
    for (const T of [0.8, 1.5, 3]) {
      const exact = ((2 * Math.PI) / 3) * (1 - (1.5 ** 3 - 1) * Math.expm1(1 / T));
      expect(secondVirialCoefficient(PairPotential.squareWell(), T, 3)).toBeCloseTo(exact, 12);
    }
  });

  it('full Lennard-Jones: the exact series in T^(-1/4) (Hirschfelder, Curtiss & Bird, eq. 3.6-8)', () => {
    // B2*(T) = -(2 pi / 3) sum_j 2^(j - 3/2) Gamma((2j - 1)/4) T^(-(2j+1)/4) / j!
    const gamma = (x: number): number => {
      // Lanczos (g = 7, n = 9) with reflection for x < 1/2.
      if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
      const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
      const y = x - 1;
      let a = c[0];
      for (let i = 1; i < 9; i++) a += c[i] / (y + i);
      const t = y + 7.5;
      return Math.sqrt(2 * Math.PI) * t ** (y + 0.5) * Math.exp(-t) * a;
    };
    const series = (T: number) => {
      let sum = 0;
      let factorial = 1;
      for (let j = 0; j < 80; j++) {
        if (j > 0) factorial *= j;
        sum += (2 ** (j - 1.5) * gamma((2 * j - 1) / 4) * T ** (-(2 * j + 1) / 4)) / factorial;
      }
      return -((2 * Math.PI) / 3) * sum;
    };
    const lj = PairPotential.lennardJones({ cutoff: 3 });
    for (const T of [0.9, 1.3, 2, 5]) expect(secondVirialCoefficient(lj, T, 3, 'full')).toBeCloseTo(series(T), 8);
    // Boyle temperature ~3.42: B2 changes sign there.
    expect(secondVirialCoefficient(lj, 3.3, 3, 'full')).toBeLessThan(0);
    expect(secondVirialCoefficient(lj, 3.6, 3, 'full')).toBeGreaterThan(0);
    // Truncation raises B2 (less attraction).
    expect(secondVirialCoefficient(lj, 1.3, 3, 'simulated')).toBeGreaterThan(series(1.3));
  });
});
