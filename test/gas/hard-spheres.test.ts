import { describe, expect, it } from 'vitest';
import { ParticleBox } from '../../src/models/particles/box.js';
import { GasModel } from '../../src/models/particles/gas-model.js';
import { PairPotential } from '../../src/models/particles/pair-potential.js';
import type { RunSummary } from '../../src/mcmc/summary.js';
import { agrees, leakyCoreKernel, runGas } from './helpers.js';

// Hard spheres in 3D against the Carnahan–Starling equation of state (N. F. Carnahan and
// K. E. Starling, J. Chem. Phys. 51, 635, 1969):
//   Z = P / (rho T) = (1 + eta + eta^2 - eta^3) / (1 - eta)^3,
//   beta mu_ex = (8 eta - 9 eta^2 + 3 eta^3) / (1 - eta)^3,
// accurate to a few tenths of a percent against simulations up to eta = 0.5. The pressure
// comes from the impulsive virial at contact (src/mcmc/gas/contact.ts). N = 108 (a 3^3 fcc
// start) keeps the test fast; finite-size effects at this N are below 0.5%. The long run at
// N = 500 is bench/gas-validation.ts.

const N = 108;
const plan = { sweeps: 4000, burnIn: 300 };

function hardSpheres(eta: number, sigma = 1): GasModel {
  const rho = (6 * eta) / Math.PI;
  return new GasModel({ particles: N, box: ParticleBox.fromDensity(3, N, rho), pair: PairPotential.hardSpheres({ sigma }) });
}

function carnahanStarling(eta: number): number {
  return (1 + eta + eta * eta - eta ** 3) / (1 - eta) ** 3;
}

function compressibility(summary: RunSummary, model: GasModel): { z: number; error: number } {
  const p = summary.scalars.pressure;
  return { z: p.mean / model.density, error: p.error / model.density };
}

describe('hard spheres against Carnahan–Starling', () => {
  it.each([0.1, 0.2, 0.3, 0.4])('eta = %s: P / (rho T) within 2% of CS, error bar below 1%', (eta) => {
    const model = hardSpheres(eta);
    const { z, error } = compressibility(runGas(model, { temperature: 1 }, plan, 7), model);
    const cs = carnahanStarling(eta);
    expect(error / cs).toBeLessThan(0.01);
    expect(Math.abs(z - cs) / cs).toBeLessThan(0.02);
  });

  it('Widom insertion reproduces the CS excess chemical potential at eta = 0.2', () => {
    const eta = 0.2;
    const model = hardSpheres(eta);
    const summary = runGas(model, { temperature: 1, widomInsertions: 50 }, { sweeps: 3000, burnIn: 300 }, 9);
    const exact = (8 * eta - 9 * eta ** 2 + 3 * eta ** 3) / (1 - eta) ** 3;
    const mu = summary.derived.excessChemicalPotential;
    expect(mu.error).toBeLessThan(0.02 * exact);
    expect(Math.abs(mu.mean - exact)).toBeLessThan(Math.max(4 * mu.error, 0.02 * exact));
  });

  it('the same check catches a sampler whose hard core is 3% too small', () => {
    const eta = 0.3;
    const model = hardSpheres(eta);
    const summary = runGas(model, { temperature: 1 }, plan, 7, 2, leakyCoreKernel(hardSpheres(eta, 0.97)));
    const { z } = compressibility(summary, model);
    expect(Math.abs(z - carnahanStarling(eta)) / carnahanStarling(eta)).toBeGreaterThan(0.02);
    expect(agrees(summary.scalars.pressure, carnahanStarling(eta) * model.density)).toBe(false);
  });
});
