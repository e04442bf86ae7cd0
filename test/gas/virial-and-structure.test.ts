import { describe, expect, it } from 'vitest';
import { secondVirialCoefficient } from '../../src/exact/ideal-gas-virial.js';
import { ParticleBox } from '../../src/models/particles/box.js';
import { GasModel } from '../../src/models/particles/gas-model.js';
import { PairPotential } from '../../src/models/particles/pair-potential.js';
import type { RunSummary } from '../../src/mcmc/summary.js';
import { halfBetaKernel, runGas } from './helpers.js';

// At low density P / (rho T) = 1 + B2(T) rho + B3(T) rho^2 + ..., so (P/(rho T) - 1) / rho
// from the virial pressure must match B2 from quadrature (src/exact/ideal-gas-virial.ts).
// At rho = 0.01 the B3 rho term is about 1% of B2 for Lennard-Jones at T = 1.5 (B3 ~ 2-3),
// under the statistical error allowed here (4 error bars, each under 3% of B2).

const T = 1.5;
const RHO = 0.01;
const lj = PairPotential.lennardJones({ cutoff: 4 });
const model = new GasModel({ particles: 400, box: ParticleBox.fromDensity(3, 400, RHO), pair: lj, tailCorrection: true });
const plan = { sweeps: 2000, burnIn: 200 };

function virialB2(summary: RunSummary): { value: number; error: number } {
  const p = summary.scalars.pressure;
  return { value: (p.mean / (RHO * T) - 1) / RHO, error: p.error / (RHO * T) / RHO };
}

describe('second virial coefficient: low-density pressure against quadrature', () => {
  const b2 = secondVirialCoefficient(lj, T, 3, 'full');

  it('Lennard-Jones at T* = 1.5, rho* = 0.01: (Z - 1) / rho = B2 within 4 error bars', () => {
    const { value, error } = virialB2(runGas(model, { temperature: T, start: 'random' }, plan, 3));
    expect(error).toBeLessThan(0.03 * Math.abs(b2));
    expect(Math.abs(value - b2)).toBeLessThan(4 * error);
  });

  it('truncated, unshifted LJ without tail correction: the impulsive term at the cutoff is in the pressure', () => {
    // The jump u(r_c-) = -0.0163 at r_c = 2.5 contributes about -0.36 to (Z - 1)/rho here;
    // B2 of the simulated (truncated) potential includes the same jump.
    const truncated = PairPotential.lennardJones({ cutoff: 2.5 });
    const m = new GasModel({ particles: 400, box: ParticleBox.fromDensity(3, 400, RHO), pair: truncated });
    const { value, error } = virialB2(runGas(m, { temperature: T, start: 'random' }, plan, 4));
    const exact = secondVirialCoefficient(truncated, T, 3, 'simulated');
    expect(error).toBeLessThan(0.03 * Math.abs(exact));
    expect(Math.abs(value - exact)).toBeLessThan(4 * error);
  });

  it('the same check catches a kernel with acceptance exp(-beta dE / 2)', () => {
    const { value, error } = virialB2(runGas(model, { temperature: T, start: 'random' }, { sweeps: 600, burnIn: 100 }, 3, 2, halfBetaKernel));
    expect(Math.abs(value - b2)).toBeGreaterThan(4 * error);
  });
});

describe('radial distribution function', () => {
  it('is 1 within error bars for an ideal gas (the N(N-1) normalisation)', () => {
    const ideal = new GasModel({ particles: 40, box: ParticleBox.cubic(2, 8) });
    const summary = runGas(ideal, { temperature: 1, rdfBins: 20 }, { sweeps: 2000, burnIn: 100 }, 4);
    const g = summary.vectors.rdf;
    let chi2 = 0;
    for (let b = 0; b < 20; b++) {
      expect(Math.abs(g.mean[b] - 1)).toBeLessThan(4 * g.error[b]);
      chi2 += ((g.mean[b] - 1) / g.error[b]) ** 2;
    }
    expect(chi2 / 20).toBeLessThan(3);
  });

  it('approaches exp(-u(r)/T) in a dilute Lennard-Jones gas', () => {
    const dilute = new GasModel({ particles: 300, box: ParticleBox.fromDensity(3, 300, 0.005), pair: PairPotential.lennardJones({ cutoff: 3 }) });
    const summary = runGas(dilute, { temperature: 2, rdfBins: 30, rdfMax: 3, start: 'random' }, { sweeps: 600, burnIn: 100 }, 6);
    const g = summary.vectors.rdf;
    const width = 3 / 30;
    for (let b = 9; b < 30; b++) {
      // Bin average of exp(-u/T) r^2 over the shell, to first order in the density.
      const r0 = b * width;
      let num = 0;
      let den = 0;
      for (let k = 0; k < 50; k++) {
        const r = r0 + ((k + 0.5) * width) / 50;
        num += Math.exp(-dilute.pair.energy(r) / 2) * r * r;
        den += r * r;
      }
      const expected = num / den;
      // g = exp(-u/T) (1 + O(rho)): at rho = 0.005 the first-order correction is below 5%.
      expect(Math.abs(g.mean[b] - expected)).toBeLessThan(4 * g.error[b] + 0.05 * expected);
    }
  });
});
