// Hard spheres at packing fraction 0.3: the Monte Carlo pressure (impulsive virial at contact)
// and the Widom excess chemical potential against Carnahan–Starling.
// Run: npx tsx examples/gas-hard-spheres.ts
import { gasKernel } from '../src/mcmc/gas/gas-kernel.js';
import { runChains } from '../src/mcmc/run.js';
import { GasModel, PairPotential, ParticleBox } from '../src/models/index.js';

const eta = 0.3;
const rho = (6 * eta) / Math.PI;
const model = new GasModel({ particles: 108, box: ParticleBox.fromDensity(3, 108, rho), pair: PairPotential.hardSpheres() });
const { summary } = runChains(gasKernel, model, { temperature: 1, widomInsertions: 20 }, { sweeps: 1500, burnIn: 200 }, { seed: 1, chains: 2 });

const p = summary.scalars.pressure;
const mu = summary.derived.excessChemicalPotential;
const z = (1 + eta + eta ** 2 - eta ** 3) / (1 - eta) ** 3;
const muCs = (8 * eta - 9 * eta ** 2 + 3 * eta ** 3) / (1 - eta) ** 3;
console.log(model.describe());
console.log(`P/(rho T): Monte Carlo ${(p.mean / rho).toFixed(3)} ± ${(p.error / rho).toFixed(3)}, Carnahan–Starling ${z.toFixed(3)}`);
console.log(`beta mu_ex: Widom ${mu.mean.toFixed(3)} ± ${mu.error.toFixed(3)}, Carnahan–Starling ${muCs.toFixed(3)}`);
