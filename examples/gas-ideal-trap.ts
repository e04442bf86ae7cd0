// An ideal gas in a harmonic trap: exact thermodynamics (closed form) and displacement Monte
// Carlo through the run driver, side by side. Run: npx tsx examples/gas-ideal-trap.ts
import { idealGas } from '../src/exact/ideal-gas.js';
import { gasKernel } from '../src/mcmc/gas/gas-kernel.js';
import { runChains } from '../src/mcmc/run.js';
import { ExternalPotential, GasModel, ParticleBox } from '../src/models/index.js';

const T = 2;
const model = new GasModel({ particles: 30, box: ParticleBox.cubic(3, 12, 'open'), external: ExternalPotential.harmonic({ stiffness: 1.5 }) });
const exact = idealGas(model, { temperature: T, profileBins: 12 });
const { summary } = runChains(gasKernel, model, { temperature: T, profileBins: 12 }, { sweeps: 5000, burnIn: 300 }, { seed: 3, chains: 2 });

const e = summary.scalars.energyPerParticle;
console.log(model.describe());
console.log(`energy per particle: exact ${exact.perParticle.energy.toFixed(4)} (= 3T/2), Monte Carlo ${e.mean.toFixed(4)} ± ${e.error.toFixed(4)}`);
console.log(`free energy per particle (configurational): ${exact.perParticle.freeEnergy.toFixed(4)}`);
console.log('density profile along x: bin, exact probability, Monte Carlo');
const profile = summary.vectors.densityProfile;
for (let b = 3; b < 9; b++) console.log(`  ${b}  ${exact.profile.probability[b].toFixed(4)}  ${profile.mean[b].toFixed(4)} ± ${profile.error[b].toFixed(4)}`);
