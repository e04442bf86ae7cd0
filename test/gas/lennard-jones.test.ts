import { describe, expect, it } from 'vitest';
import { ParticleBox } from '../../src/models/particles/box.js';
import { GasModel } from '../../src/models/particles/gas-model.js';
import { PairPotential } from '../../src/models/particles/pair-potential.js';
import { halfBetaKernel, runGas } from './helpers.js';

/**
 * Reference: NIST Standard Reference Simulation Website, "Lennard-Jones Fluid Properties",
 * NVT Monte Carlo results (https://mmlapps.nist.gov/srs/LJ_PURE/mc.htm): N = 500, LJ truncated
 * at 3 sigma with analytic long-range corrections, mean energy per particle U* and its
 * standard deviation (of the mean) for the vapour and liquid branches of the T* = 0.85 and
 * T* = 0.90 isotherms. This is exactly our model with `tailCorrection: true`.
 *
 * These runs are short (CI must stay fast), so our error bars are ~10x the reference's; the
 * long runs with the full comparison (energy and pressure) are in bench/gas-validation.ts.
 */
const NIST_LJ_MC = [
  { temperature: 0.85, density: 0.005, energy: -5.1901e-2, energyError: 7.53e-5, pressure: 4.1003e-3, pressureError: 5.05e-7, phase: 'vapour' },
  { temperature: 0.9, density: 0.009, energy: -8.9936e-2, energyError: 2.44e-5, pressure: 7.6363e-3, pressureError: null, phase: 'vapour' },
  { temperature: 0.85, density: 0.776, energy: -5.5121, energyError: 4.55e-4, pressure: 6.7714e-3, pressureError: null, phase: 'liquid' },
  { temperature: 0.9, density: 0.776, energy: -5.4689, energyError: 4.2e-4, pressure: 2.4056e-1, pressureError: 2.74e-3, phase: 'liquid' },
] as const;

function nistModel(density: number): GasModel {
  return new GasModel({ particles: 500, box: ParticleBox.fromDensity(3, 500, density), pair: PairPotential.lennardJones({ cutoff: 3 }), tailCorrection: true });
}

describe('Lennard-Jones fluid against the NIST reference simulations (N = 500, rc = 3, tail-corrected)', () => {
  it.each(NIST_LJ_MC.map((p) => [`${p.phase} T* = ${p.temperature}, rho* = ${p.density}`, p] as const))('%s: U/N within 4 combined standard errors', (_, point) => {
    const model = nistModel(point.density);
    const liquid = point.phase === 'liquid';
    const plan = liquid ? { sweeps: 500, burnIn: 200, interval: 5 } : { sweeps: 600, burnIn: 150 };
    const summary = runGas(model, { temperature: point.temperature }, plan, 5, liquid ? 1 : 2);
    const u = summary.scalars.energyPerParticle;
    const combined = Math.hypot(u.error, point.energyError);
    expect(Math.abs(u.mean - point.energy)).toBeLessThan(4 * combined);
    // Meaningful: the tolerance is a few percent of U at most, and for the liquid well below
    // the tail correction (so a missing or doubled correction could not pass).
    expect(4 * combined).toBeLessThan(0.05 * Math.abs(point.energy));
    if (liquid) expect(4 * combined).toBeLessThan(0.25 * Math.abs(model.tailEnergyPerParticle));
  });

  it('the same check catches a kernel with acceptance exp(-beta dE / 2)', () => {
    const point = NIST_LJ_MC[0];
    const summary = runGas(nistModel(point.density), { temperature: point.temperature }, { sweeps: 400, burnIn: 100 }, 5, 2, halfBetaKernel);
    const u = summary.scalars.energyPerParticle;
    expect(Math.abs(u.mean - point.energy)).toBeGreaterThan(4 * Math.hypot(u.error, point.energyError));
  });
});
