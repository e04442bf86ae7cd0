import { describe, expect, it } from 'vitest';
import { idealGas } from '../../src/exact/ideal-gas.js';
import { ParticleBox } from '../../src/models/particles/box.js';
import { ExternalPotential } from '../../src/models/particles/external-potential.js';
import { GasModel } from '../../src/models/particles/gas-model.js';
import type { RunSummary } from '../../src/mcmc/summary.js';
import { agrees, halfBetaKernel, runGas } from './helpers.js';

// The ideal gas in an external potential is solved exactly (src/exact/ideal-gas.ts); the
// displacement Monte Carlo must reproduce its energy and density profile within error bars.

const T = 1.3;
const BINS = 12;
const plan = { sweeps: 4000, burnIn: 300 };

const trap = new GasModel({ particles: 20, box: ParticleBox.cubic(3, 8, 'open'), external: ExternalPotential.harmonic({ stiffness: [1, 2, 0.5] }) });
const column = new GasModel({
  particles: 20,
  box: new ParticleBox(3, [4, 4, 6], ['periodic', 'periodic', 'wall']),
  external: ExternalPotential.gravity({ strength: 0.6 }),
});

/** Energy and every profile bin within 4 error bars of exact; returns the worst |z|. */
function check(model: GasModel, summary: RunSummary): { energy: boolean; profile: boolean; worstProfileZ: number } {
  const exact = idealGas(model, { temperature: T, profileBins: BINS });
  const profile = summary.vectors.densityProfile;
  let worst = 0;
  for (let b = 0; b < BINS; b++) worst = Math.max(worst, Math.abs(profile.mean[b] - exact.profile.probability[b]) / profile.error[b]);
  return { energy: agrees(summary.scalars.energyPerParticle, exact.perParticle.energy), profile: worst < 4, worstProfileZ: worst };
}

describe('ideal gas: Monte Carlo against the exact solution', () => {
  it.each([
    ['harmonic trap (open space, anisotropic)', trap],
    ['gravity (barometric column between walls)', column],
  ])('%s: energy and density profile within 4 error bars', (_, model) => {
    const summary = runGas(model, { temperature: T, profileBins: BINS }, plan, 3);
    const result = check(model, summary);
    expect(result.energy).toBe(true);
    expect(result.profile).toBe(true);
    // The error bars are tight enough to mean something: 1% of the energy or better.
    expect(summary.scalars.energyPerParticle.error).toBeLessThan(0.01 * Math.abs(summary.scalars.energyPerParticle.mean));
    expect(summary.scalars.energyPerParticle.rHat).toBeLessThan(1.05);
  });

  it.each([
    ['harmonic trap', trap],
    ['gravity', column],
  ])('%s: the same checks catch a kernel with acceptance exp(-beta dE / 2)', (_, model) => {
    const summary = runGas(model, { temperature: T, profileBins: BINS }, plan, 3, 2, halfBetaKernel);
    const result = check(model, summary);
    expect(result.energy).toBe(false);
    expect(result.profile).toBe(false);
  });
});
