// Long, high-precision validation of the gas Monte Carlo (too slow for `npm test`, which runs
// short versions of the same checks in test/gas/). Run with:
//
//   npx tsx bench/gas-validation.ts [hard-spheres] [lennard-jones] [virial]
//
// - hard spheres, N = 500, packing fractions 0.1-0.4: P / (rho T) against Carnahan–Starling;
// - Lennard-Jones, N = 500, rc = 3 sigma, tail-corrected, T* = 0.85 and 0.90, vapour and
//   liquid: U/N and P against the NIST reference simulations (https://mmlapps.nist.gov/srs/LJ_PURE/mc.htm);
// - the second virial coefficient from the low-density pressure against quadrature.
// Chains run on worker threads (src/node/parallel-chains.ts); results do not depend on them.
import { secondVirialCoefficient } from '../src/exact/ideal-gas-virial.js';
import type { GasSamplerOptions } from '../src/mcmc/gas/gas-state.js';
import type { RunPlan } from '../src/mcmc/driver.js';
import type { RunSummary } from '../src/mcmc/summary.js';
import { ParticleBox } from '../src/models/particles/box.js';
import { GasModel } from '../src/models/particles/gas-model.js';
import { PairPotential } from '../src/models/particles/pair-potential.js';
import { moduleUrl } from '../src/node/module-url.js';
import { runParallelChains } from '../src/node/parallel-chains.js';
import { formatTable } from '../src/cli/table.js';

const kernel = { module: moduleUrl(import.meta.url, '../src/mcmc/gas/gas-kernel').href, exportName: 'gasKernel' };

async function run(model: GasModel, options: GasSamplerOptions, plan: RunPlan, seed = 11, chains = 4): Promise<RunSummary> {
  return (await runParallelChains({ kernel, model, options, plan, chains, seed, workers: 2 })).summary;
}

const fmt = (mean: number, error: number) => `${mean.toFixed(5)} ± ${error.toFixed(5)}`;

async function hardSpheres(): Promise<void> {
  const rows: Array<Array<string | number>> = [];
  for (const eta of [0.1, 0.2, 0.3, 0.4]) {
    const rho = (6 * eta) / Math.PI;
    const model = new GasModel({ particles: 500, box: ParticleBox.fromDensity(3, 500, rho), pair: PairPotential.hardSpheres() });
    const summary = await run(model, { temperature: 1, widomInsertions: eta <= 0.3 ? 20 : 0 }, { sweeps: 20000, burnIn: 1000 });
    const p = summary.scalars.pressure;
    const z = p.mean / rho;
    const dz = p.error / rho;
    const cs = (1 + eta + eta * eta - eta ** 3) / (1 - eta) ** 3;
    const mu = summary.derived.excessChemicalPotential;
    const muCs = (8 * eta - 9 * eta ** 2 + 3 * eta ** 3) / (1 - eta) ** 3;
    rows.push([eta, fmt(z, dz), cs.toFixed(5), `${((100 * (z - cs)) / cs).toFixed(2)}%`, `${((100 * dz) / cs).toFixed(2)}%`, mu ? fmt(mu.mean, mu.error) : '-', mu ? muCs.toFixed(4) : '-']);
  }
  console.log('\n## Hard spheres, N = 500, 4 chains x 20000 sweeps: Z = P/(rho T) and beta mu_ex vs Carnahan–Starling\n');
  console.log(formatTable(['eta', 'Z (MC)', 'Z (CS)', 'deviation', 'error', 'beta mu_ex (Widom)', 'beta mu_ex (CS)'], rows));
}

const NIST = [
  { T: 0.85, rho: 0.005, u: -5.1901e-2, du: 7.53e-5, p: 4.1003e-3 },
  { T: 0.85, rho: 0.009, u: -9.3973e-2, du: 1.29e-4, p: 7.1641e-3 },
  { T: 0.85, rho: 0.776, u: -5.5121, du: 4.55e-4, p: 6.7714e-3 },
  { T: 0.9, rho: 0.001, u: -9.9165e-3, du: 1.89e-5, p: 8.9429e-4 },
  { T: 0.9, rho: 0.009, u: -8.9936e-2, du: 2.44e-5, p: 7.6363e-3 },
  { T: 0.9, rho: 0.776, u: -5.4689, du: 4.2e-4, p: 2.4056e-1 },
];

async function lennardJones(): Promise<void> {
  const rows: Array<Array<string | number>> = [];
  for (const point of NIST) {
    const model = new GasModel({ particles: 500, box: ParticleBox.fromDensity(3, 500, point.rho), pair: PairPotential.lennardJones({ cutoff: 3 }), tailCorrection: true });
    const liquid = point.rho > 0.5;
    const summary = await run(model, { temperature: point.T }, liquid ? { sweeps: 10000, burnIn: 1000, interval: 5 } : { sweeps: 20000, burnIn: 1000 });
    const u = summary.scalars.energyPerParticle;
    const p = summary.scalars.pressure;
    const z = (u.mean - point.u) / Math.hypot(u.error, point.du);
    rows.push([point.T, point.rho, fmt(u.mean, u.error), `${point.u} ± ${point.du}`, z.toFixed(2), fmt(p.mean, p.error), point.p, (u.rHat ?? Number.NaN).toFixed(3)]);
  }
  console.log('\n## Lennard-Jones, N = 500, rc = 3, tail-corrected, 4 chains: against NIST SRSW NVT Monte Carlo\n');
  console.log(formatTable(['T*', 'rho*', 'U/N (gibbs)', 'U/N (NIST)', 'z', 'P (gibbs)', 'P (NIST)', 'R-hat'], rows));
}

async function virial(): Promise<void> {
  const rows: Array<Array<string | number>> = [];
  const lj = PairPotential.lennardJones({ cutoff: 4 });
  for (const T of [1.3, 2, 3]) {
    const rho = 0.01;
    const model = new GasModel({ particles: 1000, box: ParticleBox.fromDensity(3, 1000, rho), pair: lj, tailCorrection: true });
    const summary = await run(model, { temperature: T, start: 'random' }, { sweeps: 10000, burnIn: 500 });
    const p = summary.scalars.pressure;
    const b2 = secondVirialCoefficient(lj, T, 3, 'full');
    rows.push([T, rho, fmt((p.mean / (rho * T) - 1) / rho, p.error / (rho * T) / rho), b2.toFixed(5)]);
  }
  console.log('\n## Second virial coefficient: (P/(rho T) - 1)/rho at rho = 0.01 (N = 1000) vs B2(T) by quadrature (differs by B3 rho)\n');
  console.log(formatTable(['T*', 'rho*', '(Z - 1)/rho (MC)', 'B2 (quadrature)'], rows));
}

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
const started = Date.now();
if (want('hard-spheres')) await hardSpheres();
if (want('lennard-jones')) await lennardJones();
if (want('virial')) await virial();
console.log(`\n(${((Date.now() - started) / 60000).toFixed(1)} min)`);
